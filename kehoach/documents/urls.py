from django.urls import path

from kehoach.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("search/", views.document_search, name="search"),
    path("import/", views.document_import, name="import"),
    path("import/<uuid:import_id>/", views.document_review, name="review"),
    path("<id:document_id>/", views.document_detail, name="detail"),
    path("<id:document_id>/edit/", views.document_edit, name="edit"),
    path("<id:document_id>/graph/", views.document_graph, name="graph"),
    path("<id:document_id>/files/<id:file_id>/", views.document_file, name="file"),
    path("share-requests/", views.share_requests, name="share_requests"),
    path(
        "share-requests/<id:request_id>/<str:decision>/",
        views.share_request_decide,
        name="share_request_decide",
    ),
]
