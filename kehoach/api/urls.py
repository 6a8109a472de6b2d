"""Every API route on one screen."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from kehoach.documents import api as documents_api
from kehoach.jobs import api as jobs_api
from kehoach.organizations import api as organizations_api
from kehoach.qa import api as qa_api

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("auth/token/", organizations_api.TokenObtain.as_view(), name="auth_token"),
    path("me/", organizations_api.Me.as_view(), name="me"),
    path("units/", organizations_api.UnitListCreate.as_view(), name="unit_list"),
    path("units/<id:pk>/", organizations_api.UnitDetail.as_view(), name="unit_detail"),
    path("jobs/<uuid:pk>/", jobs_api.JobDetail.as_view(), name="job_detail"),
    path("documents/", documents_api.DocumentList.as_view(), name="document_list"),
    path("documents/search/", documents_api.DocumentSearch.as_view(), name="document_search"),
    path("documents/<id:pk>/", documents_api.DocumentDetail.as_view(), name="document_detail"),
    path(
        "documents/imports/", documents_api.DocumentImportCreate.as_view(), name="document_import"
    ),
    path(
        "documents/imports/<uuid:pk>/",
        documents_api.DocumentImportDetail.as_view(),
        name="document_import_detail",
    ),
    path(
        "documents/imports/<uuid:pk>/save/",
        documents_api.DocumentImportSave.as_view(),
        name="document_import_save",
    ),
    path(
        "documents/share-requests/",
        documents_api.ShareRequestList.as_view(),
        name="document_share_request_list",
    ),
    path(
        "documents/share-requests/<id:pk>/accept/",
        documents_api.ShareRequestDecide.as_view(decision="accept"),
        name="document_share_request_accept",
    ),
    path(
        "documents/share-requests/<id:pk>/decline/",
        documents_api.ShareRequestDecide.as_view(decision="decline"),
        name="document_share_request_decline",
    ),
    path("qa/questions/", qa_api.QaQuestionList.as_view(), name="qa_question_list"),
    path("qa/questions/<id:pk>/", qa_api.QaQuestionDetail.as_view(), name="qa_question_detail"),
    path("qa/questions/<id:pk>/route/", qa_api.QaQuestionRoute.as_view(), name="qa_question_route"),
    path("qa/questions/<id:pk>/draft/", qa_api.QaQuestionDraft.as_view(), name="qa_question_draft"),
    path(
        "public/qa/questions/",
        qa_api.QaPublicQuestionList.as_view(),
        name="qa_public_question_list",
    ),
    path(
        "public/qa/questions/<id:pk>/",
        qa_api.QaPublicQuestionDetail.as_view(),
        name="qa_public_question_detail",
    ),
    path(
        "public/qa/statistics/",
        qa_api.QaPublicStatistics.as_view(),
        name="qa_public_statistics",
    ),
]
