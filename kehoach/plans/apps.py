from django.apps import AppConfig


class PlansConfig(AppConfig):
    verbose_name = "Kế hoạch"
    name = "kehoach.plans"
    label = "plans"
