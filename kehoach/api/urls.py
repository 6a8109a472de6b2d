"""Every API route on one screen."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kehoach.documents import api as documents_api
from kehoach.execution.api import indicators as indicators_api
from kehoach.execution.api import plans as plans_api
from kehoach.execution.api import reports as reports_api
from kehoach.execution.api import requirements as requirements_api
from kehoach.execution.api import tasks as tasks_api
from kehoach.jobs import api as jobs_api
from kehoach.organizations import api as organizations_api
from kehoach.qa import api as qa_api
from kehoach.results import api as results_api
from kehoach.training import api as training_api

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script from ?script (the CSP runs no inline script);
    # the page's template links its styles instead of writing them inline.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
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
    # --- execution: plans, requirements, tasks, templates, periods, reports, indicators
    path("plans/", plans_api.PlanListCreate.as_view(), name="plan_list"),
    path("plans/<id:pk>/", plans_api.PlanDetail.as_view(), name="plan_detail"),
    path("plans/<id:pk>/issue/", plans_api.PlanIssue.as_view(), name="plan_issue"),
    path("plans/<id:pk>/export/", plans_api.PlanExport.as_view(), name="plan_export"),
    path(
        "plans/<id:pk>/requirements/",
        requirements_api.PlanRequirementList.as_view(),
        name="plan_requirements",
    ),
    path("requirements/", requirements_api.RequirementList.as_view(), name="requirement_list"),
    path("tasks/", tasks_api.TaskListCreate.as_view(), name="task_list"),
    path("tasks/<id:pk>/", tasks_api.TaskDetail.as_view(), name="task_detail"),
    path("tasks/<id:pk>/assign/", tasks_api.TaskAssign.as_view(), name="task_assign"),
    path("report-templates/", reports_api.TemplateList.as_view(), name="template_list"),
    path("report-templates/<id:pk>/", reports_api.TemplateDetail.as_view(), name="template_detail"),
    path("periods/", reports_api.PeriodList.as_view(), name="period_list"),
    path("periods/<id:pk>/", reports_api.PeriodDetail.as_view(), name="period_detail"),
    path("reports/", reports_api.ReportListSave.as_view(), name="report_list"),
    path("reports/accept/", reports_api.ReportsAccept.as_view(), name="report_accept_many"),
    path("reports/<id:pk>/", reports_api.ReportDetail.as_view(), name="report_detail"),
    path("reports/<id:pk>/submit/", reports_api.ReportSubmit.as_view(), name="report_submit"),
    path("reports/<id:pk>/accept/", reports_api.ReportAccept.as_view(), name="report_accept"),
    path("reports/<id:pk>/return/", reports_api.ReportReturn.as_view(), name="report_return"),
    path("indicators/", indicators_api.IndicatorList.as_view(), name="indicator_list"),
    # --- results
    path("results/<id:pk>/", results_api.ResultsFigures.as_view(), name="results_figures"),
    path(
        "results-reports/",
        results_api.ResultsReportListCompile.as_view(),
        name="results_report_list",
    ),
    path(
        "results-reports/<id:pk>/",
        results_api.ResultsReportDetail.as_view(),
        name="results_report_detail",
    ),
    path(
        "results-reports/<id:pk>/sections/",
        results_api.ResultsSectionSave.as_view(),
        name="results_report_section",
    ),
    path(
        "results-reports/<id:pk>/export/",
        results_api.ResultsExport.as_view(),
        name="results_report_export",
    ),
    path(
        "training/campaigns/",
        training_api.TrainingCampaignList.as_view(),
        name="training_campaign_list",
    ),
    path(
        "training/campaigns/<id:pk>/",
        training_api.TrainingCampaignDetail.as_view(),
        name="training_campaign_detail",
    ),
    path(
        "training/campaigns/<id:pk>/sessions/",
        training_api.TrainingSessionList.as_view(),
        name="training_session_list",
    ),
    path(
        "training/campaigns/<id:pk>/questions/stats/",
        training_api.TrainingQuestionStats.as_view(),
        name="training_question_stats",
    ),
    path(
        "training/sessions/<id:pk>/",
        training_api.TrainingSessionDetail.as_view(),
        name="training_session_detail",
    ),
    path(
        "training/sessions/<id:pk>/attendance/",
        training_api.TrainingAttendance.as_view(),
        name="training_attendance",
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
