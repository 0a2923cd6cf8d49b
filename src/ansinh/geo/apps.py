from ansinh.core import app


class GeoConfig(app.App):
    name = "ansinh.geo"
    verbose_name = "Đơn vị hành chính"
