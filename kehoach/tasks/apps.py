from django.apps import AppConfig


class TasksConfig(AppConfig):
    verbose_name = "Nhiệm vụ"
    name = "kehoach.tasks"
    label = "tasks"

    def ready(self) -> None:
        from kehoach.tasks import audit  # noqa: F401  (registers the audit labels)
