from ansinh.core import app


class EmergencyConfig(app.App):
    name = "ansinh.emergency"
    verbose_name = "Trợ giúp xã hội khẩn cấp"
