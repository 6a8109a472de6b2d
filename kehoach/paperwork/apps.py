from django.apps import AppConfig


class PaperworkConfig(AppConfig):
    """Official paperwork out: DOCX/PDF of registry documents in the state and Party formats."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "kehoach.paperwork"
    verbose_name = "Xuất văn bản"

    def ready(self) -> None:
        # Only a management command imports the services; the audit log needs their labels.
        from kehoach.paperwork import services  # noqa: F401
