from django.urls import path

from kehoach.plans import dashboard, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_new, name="new"),
    path("compliance/", views.compliance, name="compliance"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/issue/", views.plan_issue_view, name="issue"),
    path("<int:plan_id>/tasks/<int:task_id>/assign/", views.task_assign_view, name="assign"),
]
