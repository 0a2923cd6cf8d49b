from ansinh.core import app


class DemoConfig(app.App):
    name = "ansinh.demo"
    verbose_name = "Dữ liệu mẫu"
