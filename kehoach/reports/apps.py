from django.apps import AppConfig


class ReportsConfig(AppConfig):
    verbose_name = "Báo cáo"
    name = "kehoach.reports"
    label = "reports"
