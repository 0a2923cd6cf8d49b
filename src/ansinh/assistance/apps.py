from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "ansinh.assistance"
    verbose_name = "Trợ giúp xã hội"
