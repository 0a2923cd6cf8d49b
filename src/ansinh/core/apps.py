from django.apps import AppConfig

from . import checks  # noqa: F401 - registers the start-up checks of access
from .access import declare
from .access_grants import GRANTS


class CoreConfig(AppConfig):
    name = "ansinh.core"
    verbose_name = "Lõi"

    def ready(self):
        declare(self.label, GRANTS)
