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
    path("<id:plan_id>/tasks.xlsx", exports.plan_tasks_export, name="tasks_export"),
    path("<id:plan_id>/", views.plan_detail, name="detail"),
    path("<id:plan_id>/issue/", views.plan_issue_view, name="issue"),
    path("<id:plan_id>/edit/", views_edit.plan_edit, name="edit"),
    path("<id:plan_id>/tasks/<id:task_id>/assign/", views.task_assign_view, name="assign"),
    path("<id:plan_id>/tasks/add/", views_edit.task_add, name="task_add"),
    path("<id:plan_id>/reports/add/", views_edit.template_add, name="template_add"),
    path("<id:plan_id>/indicators/add/", views_edit.indicator_add, name="indicator_add"),
    path(
        "<id:plan_id>/periods/<id:period_id>/",
        views_edit.period_snapshot,
        name="period_snapshot",
    ),
    path(
        "<id:plan_id>/periods/<id:period_id>/close/",
        views_edit.period_close_view,
        name="period_close",
    ),
]
