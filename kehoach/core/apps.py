from django.apps import AppConfig


class CoreConfig(AppConfig):
    verbose_name = "Hệ thống"
    name = "kehoach.core"
    label = "core"
