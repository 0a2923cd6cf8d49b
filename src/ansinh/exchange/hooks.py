"""What the exchange adds to the apps below it: the kinds of list it imports, a link to the template and
the import on their list pages, and the imports a restarted worker takes up again."""

from ansinh.core.extensions import Panel
from ansinh.core.tasks import RESUME, Resume
from ansinh.registry.extensions import PERSON_LIST_TOOLS

from . import panels, persons  # noqa: F401 - importing a kind registers it
from .services import import_resume

PERSON_LIST_TOOLS.register(Panel("exchange/_list_tools.html", panels.list_tools("persons")))
RESUME.register(Resume("lần nhập dữ liệu", import_resume))
