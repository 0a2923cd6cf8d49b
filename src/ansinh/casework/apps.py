from ansinh.core import app


class CaseworkConfig(app.App):
    name = "ansinh.casework"
    verbose_name = "Quản lý ca, trẻ em có hoàn cảnh đặc biệt"
