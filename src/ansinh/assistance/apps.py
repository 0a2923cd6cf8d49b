from ansinh.core import app


class AssistanceConfig(app.App):
    name = "ansinh.assistance"
    verbose_name = "Trợ giúp xã hội"
