"""What payments add below them: the months paid on an enrolment's page, who has not collected on the
changes page, their part in merging two records of one person (months paid to both), and the payroll
runs a restarted worker takes up again."""

from ansinh.assistance.extensions import CHANGES_PANELS, ENROLMENT_PANELS
from ansinh.core.extensions import Panel
from ansinh.core.tasks import RESUME, Resume
from ansinh.registry.extensions import MERGE_PARTS, MergePart

from . import indicators, panels  # noqa: F401 - indicators registers its own
from .models import PaymentLine
from .services import merge_payment_lines, payroll_resume

ENROLMENT_PANELS.register(Panel("payments/_enrolment_lines.html", panels.enrolment_lines))
CHANGES_PANELS.register(Panel("payments/_uncollected.html", panels.uncollected))
MERGE_PARTS.register(MergePart(models=(PaymentLine,), move=merge_payment_lines))
RESUME.register(Resume("lần lập danh sách chi trả", payroll_resume))
