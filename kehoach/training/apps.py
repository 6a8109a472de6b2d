from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "kehoach.training"
    label = "training"
    audit_actions = "kehoach.training.audit.TrainingAction"
    audit_fields = "kehoach.training.audit.FIELD_LABELS"
    verbose_name = "Học tập, quán triệt"
