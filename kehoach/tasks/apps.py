from django.apps import AppConfig


class TasksConfig(AppConfig):
    verbose_name = "Nhiệm vụ"
    name = "kehoach.tasks"
    label = "tasks"
