from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "ansinh.registry"
    verbose_name = "Sổ đăng ký đối tượng"
