from ansinh.core import app


class WorkforceConfig(app.App):
    name = "ansinh.workforce"
    verbose_name = "Nhân lực công tác xã hội"
