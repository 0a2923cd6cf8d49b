from django.apps import AppConfig

from ansinh.core.access import declare

from . import access


class AccountsConfig(AppConfig):
    name = "ansinh.accounts"
    verbose_name = "Người dùng và phân quyền"

    def ready(self):
        declare(self.label, access.GRANTS)
