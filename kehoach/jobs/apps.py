from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    """Background jobs: one model, a registry of kinds, Celery or in-process runners."""

    verbose_name = "Tác vụ nền"
    name = "kehoach.jobs"
    label = "jobs"
    audit_actions = "kehoach.jobs.audit.JobAction"

    def ready(self) -> None:
        # Each domain registers its job kinds in its own ``jobs.py`` (documents.jobs,
        # paperwork.jobs, notifications.jobs): the jobs app never imports the apps above it.
        autodiscover_modules("jobs")
