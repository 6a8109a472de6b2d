from django.apps import AppConfig


class PlansConfig(AppConfig):
    verbose_name = "Kế hoạch"
    name = "kehoach.plans"
    label = "plans"

    def ready(self) -> None:
        from kehoach.plans import audit  # noqa: F401  (registers the audit labels)
