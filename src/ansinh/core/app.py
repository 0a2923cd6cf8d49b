"""The base of every An Sinh app's configuration."""

from importlib import import_module

from django.apps import AppConfig
from django.utils.module_loading import module_has_submodule

from .access import declare


class App(AppConfig):
    """An An Sinh app (its apps.py subclasses `core.app.App` by that path, so that Django finds one AppConfig
    in it). When Django is ready: its table of capabilities (`<app>/access.py`, `GRANTS`) is declared, and its
    `hooks` module, where it adds its parts to the apps below it (a panel on their pages, its part in a
    merge…), is imported, the models being loaded by then."""

    def ready(self):
        if module_has_submodule(self.module, "access"):
            declare(self.label, import_module(f"{self.name}.access").GRANTS)
        if module_has_submodule(self.module, "hooks"):
            import_module(f"{self.name}.hooks")
