from ansinh.core import app


class AuditConfig(app.App):
    name = "ansinh.audit"
    verbose_name = "Nhật ký"
