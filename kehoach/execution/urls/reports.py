from django.urls import path

from kehoach.execution.views import reports as views

app_name = "reports"

urlpatterns = [
    path("review/", views.review_queue, name="review_queue"),
    path("review/accept/", views.review_accept_many, name="review_accept_many"),
    path("<id:report_id>/", views.report_detail, name="detail"),
    path("<id:report_id>/evidence/", views.evidence_create, name="evidence_add"),
    path("<id:report_id>/evidence/<id:evidence_id>/", views.evidence_file, name="evidence_file"),
    path("<id:report_id>/<str:action>/", views.report_action, name="action"),
]
