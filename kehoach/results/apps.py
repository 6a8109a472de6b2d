from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "kehoach.results"
    label = "results"
    verbose_name = "Báo cáo kết quả thực hiện kế hoạch"

    def ready(self) -> None:
        from kehoach.results import audit  # noqa: F401  (registers the audit labels)
