from ansinh.core import app


class FacilitiesConfig(app.App):
    name = "ansinh.facilities"
    verbose_name = "Mạng lưới cơ quan, cơ sở"
