from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ansinh.demo"
    verbose_name = "Dữ liệu mẫu"
