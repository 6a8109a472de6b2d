from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Orchestration on top of the domains: reminders, periodic jobs, demo data, data generator."""

    verbose_name = "Vận hành"
    name = "kehoach.ops"
    label = "ops"
