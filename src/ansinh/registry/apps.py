from ansinh.core import app


class RegistryConfig(app.App):
    name = "ansinh.registry"
    verbose_name = "Sổ đăng ký đối tượng"
