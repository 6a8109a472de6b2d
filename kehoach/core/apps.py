from django.apps import AppConfig
from django.urls import register_converter

from kehoach.core.converters import IdConverter


class CoreConfig(AppConfig):
    verbose_name = "Hệ thống"
    name = "kehoach.core"
    label = "core"

    def ready(self) -> None:
        register_converter(IdConverter, "id")  # every URL's ids: <id:unit_id>, <id:pk>
