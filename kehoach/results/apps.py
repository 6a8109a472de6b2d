from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "kehoach.results"
    label = "results"
    audit_actions = "kehoach.results.audit.ResultsAction"
    audit_fields = "kehoach.results.audit.FIELD_LABELS"
    verbose_name = "Báo cáo kết quả thực hiện kế hoạch"
