"""What monitoring adds to the platform: the refreshes of the stored roll-ups a restarted worker takes up again."""

from ansinh.core.tasks import RESUME, Resume

from .services.rollups import rollups_resume

RESUME.register(Resume("lượt tính số liệu tổng hợp", rollups_resume))
