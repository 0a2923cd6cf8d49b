from ansinh.core import app


class PaymentsConfig(app.App):
    name = "ansinh.payments"
    verbose_name = "Chi trả"
