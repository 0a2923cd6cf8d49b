from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ansinh.audit"
    verbose_name = "Nhật ký"
