from ansinh.core import app


class ExchangeConfig(app.App):
    name = "ansinh.exchange"
    verbose_name = "Trao đổi dữ liệu"
