from ansinh.core import app


class AccountsConfig(app.App):
    name = "ansinh.accounts"
    verbose_name = "Người dùng và phân quyền"
