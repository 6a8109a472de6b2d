from django.apps import AppConfig


class PaperworkConfig(AppConfig):
    """Official paperwork out: DOCX/PDF of registry documents in the state and Party formats."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "kehoach.paperwork"
    label = "paperwork"
    verbose_name = "Xuất văn bản"
    audit_actions = "kehoach.paperwork.audit.PaperworkAction"
