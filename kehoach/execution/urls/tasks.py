from django.urls import path

from kehoach.execution.views import tasks as views

app_name = "tasks"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("<id:task_id>/", views.task_detail, name="detail"),
    path("<id:task_id>/report/", views.report_write, name="report_write"),
    path("<id:task_id>/update/", views.task_update_view, name="update"),
]
