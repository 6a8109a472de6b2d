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
]
