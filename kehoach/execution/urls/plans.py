from django.urls import path

from kehoach.execution import dashboard, exports
from kehoach.execution.views import plan_edit as views_edit
from kehoach.execution.views import plans as views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_new, name="new"),
    path("compliance/", views.compliance, name="compliance"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<str:table>.xlsx", exports.dashboard_export, name="dashboard_export"),
    path("compliance.xlsx", exports.compliance_export, name="compliance_export"),
    path("<int:plan_id>/tasks.xlsx", exports.plan_tasks_export, name="tasks_export"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/issue/", views.plan_issue_view, name="issue"),
    path("<int:plan_id>/edit/", views_edit.plan_edit, name="edit"),
    path("<int:plan_id>/tasks/<int:task_id>/assign/", views.task_assign_view, name="assign"),
    path("<int:plan_id>/tasks/add/", views_edit.task_add, name="task_add"),
    path("<int:plan_id>/reports/add/", views_edit.template_add, name="template_add"),
    path("<int:plan_id>/indicators/add/", views_edit.indicator_add, name="indicator_add"),
    path(
        "<int:plan_id>/periods/<int:period_id>/",
        views_edit.period_snapshot,
        name="period_snapshot",
    ),
    path(
        "<int:plan_id>/periods/<int:period_id>/close/",
        views_edit.period_close_view,
        name="period_close",
    ),
]
