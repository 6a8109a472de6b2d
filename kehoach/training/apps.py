from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "kehoach.training"
    label = "training"
    audit_actions = "kehoach.training.audit.TrainingAction"
    audit_fields = "kehoach.training.audit.FIELD_LABELS"
    verbose_name = "Học tập, quán triệt"

    def ready(self) -> None:
        from kehoach.execution.prefill import register
        from kehoach.training.prefill import campaign_suggestions

        register(campaign_suggestions)
