"""What the exchange adds to the apps below it: the kinds of list it imports, a link to each one's template
and import beside the list its rows go to, and the imports a restarted worker takes up again."""

from ansinh.core.extensions import Panel, list_tools
from ansinh.core.tasks import RESUME, Resume

from . import enrolments, households, organisations, panels, persons, staff  # noqa: F401 - importing a kind registers it
from .kinds import KINDS
from .services import import_resume

for _kind in KINDS.values():
    list_tools(_kind.beside).register(Panel("exchange/_list_tools.html", panels.list_tools(_kind.name)))
RESUME.register(Resume("lần nhập dữ liệu", import_resume))
