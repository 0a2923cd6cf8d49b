"""What monitoring adds to the platform: the refreshes of the stored roll-ups a restarted worker takes up again, and
the late reports and overdue tasks on the home page."""

from ansinh.core.dashboard import HOME_PANELS
from ansinh.core.extensions import Panel
from ansinh.core.tasks import RESUME, Resume

from . import panels
from .services.rollups import rollups_resume

HOME_PANELS.register(Panel("monitoring/_home.html", panels.home), order=90)

RESUME.register(Resume("lượt tính số liệu tổng hợp", rollups_resume))
