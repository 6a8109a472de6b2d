from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "kehoach.documents"
    label = "documents"
