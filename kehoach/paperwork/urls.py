from django.urls import path

from kehoach.paperwork import views

app_name = "paperwork"

urlpatterns = [
    path(
        "documents/<int:document_id>/docx",
        views.document_download,
        {"fmt": "docx"},
        name="document_docx",
    ),
    path(
        "documents/<int:document_id>/pdf",
        views.document_download,
        {"fmt": "pdf"},
        name="document_pdf",
    ),
    path("plans/<int:plan_id>/docx", views.plan_download, {"fmt": "docx"}, name="plan_docx"),
    path("plans/<int:plan_id>/pdf", views.plan_download, {"fmt": "pdf"}, name="plan_pdf"),
]
