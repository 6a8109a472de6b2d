from django.apps import AppConfig


class QaConfig(AppConfig):
    name = "kehoach.qa"
    label = "qa"
    audit_actions = "kehoach.qa.audit.QaAction"
    audit_fields = "kehoach.qa.audit.FIELD_LABELS"
    verbose_name = "Dân hỏi – Chính quyền trả lời"
