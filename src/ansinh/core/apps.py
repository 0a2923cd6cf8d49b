from django.apps import AppConfig

from . import checks  # noqa: F401 - registers the start-up checks of access


class CoreConfig(AppConfig):
    name = "ansinh.core"
    verbose_name = "Lõi"
