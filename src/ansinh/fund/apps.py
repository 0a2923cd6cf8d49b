from ansinh.core import app


class FundConfig(app.App):
    name = "ansinh.fund"
    verbose_name = "Quỹ trợ giúp xã hội"
