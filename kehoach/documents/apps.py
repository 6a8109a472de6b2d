from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "kehoach.documents"
    label = "documents"
    audit_actions = "kehoach.documents.audit.DocumentAction"
