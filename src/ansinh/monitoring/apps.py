from ansinh.core import app


class MonitoringConfig(app.App):
    name = "ansinh.monitoring"
    verbose_name = "Kế hoạch, chỉ tiêu, nhiệm vụ và báo cáo"
