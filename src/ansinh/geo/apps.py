from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "ansinh.geo"
    verbose_name = "Đơn vị hành chính"
