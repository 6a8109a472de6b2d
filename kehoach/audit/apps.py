from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The audit log: who changed what, when; each app declares its action codes."""

    verbose_name = "Lịch sử thay đổi"
    name = "kehoach.audit"
    label = "audit"
    audit_actions = "kehoach.audit.actions.AuditAction"
