from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    verbose_name = "Thông báo"
    name = "kehoach.notifications"
    label = "notifications"
