from django.apps import AppConfig

from ansinh.core.access import declare
from ansinh.core.dashboard import HOME_PANELS
from ansinh.core.extensions import Panel

from . import access


class RegistryConfig(AppConfig):
    name = "ansinh.registry"
    verbose_name = "Sổ đăng ký đối tượng"

    def ready(self):
        declare(self.label, access.GRANTS)
        from . import panels  # its reads need the models loaded

        # the registry's figures and charts on the home page
        HOME_PANELS.register(Panel("registry/_home.html", panels.home), order=10)
