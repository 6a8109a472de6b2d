from django.apps import AppConfig


class ExecutionConfig(AppConfig):
    """Plans, requirements, tasks, report templates and periods, reports, indicators, evidence."""

    verbose_name = "Thực hiện kế hoạch"
    name = "kehoach.execution"
    label = "execution"
    audit_actions = "kehoach.execution.audit.ExecutionAction"
    audit_fields = "kehoach.execution.audit.FIELD_LABELS"
