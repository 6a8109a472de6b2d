from django.apps import AppConfig


class ReportsConfig(AppConfig):
    verbose_name = "Báo cáo"
    name = "kehoach.reports"
    label = "reports"

    def ready(self) -> None:
        from kehoach.reports import audit  # noqa: F401  (registers the audit labels)
