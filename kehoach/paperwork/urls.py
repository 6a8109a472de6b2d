from django.urls import path

from kehoach.paperwork import views

app_name = "paperwork"

urlpatterns = [
    path(
        "documents/<id:document_id>/docx",
        views.document_download,
        {"fmt": "docx"},
        name="document_docx",
    ),
    path(
        "documents/<id:document_id>/pdf",
        views.document_download,
        {"fmt": "pdf"},
        name="document_pdf",
    ),
    path("plans/<id:plan_id>/docx", views.plan_download, {"fmt": "docx"}, name="plan_docx"),
    path("plans/<id:plan_id>/pdf", views.plan_download, {"fmt": "pdf"}, name="plan_pdf"),
]
