"""URL wiring: each app owns its routes; the API lives under /api/.

Nothing serves MEDIA_ROOT, in any mode: every stored file is sent by its owner's view after a
rights check (kehoach.core.files.serve_file)."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("kehoach.ops.urls")),
    path("accounts/", include("kehoach.accounts.urls")),
    path("units/", include("kehoach.organizations.urls")),
    path("documents/", include("kehoach.documents.urls")),
    path("paperwork/", include("kehoach.paperwork.urls")),
    path("results/", include("kehoach.results.urls")),
    path("training/", include("kehoach.training.urls")),
    path("hoi-dap/", include("kehoach.qa.urls.public")),
    path("qa/", include("kehoach.qa.urls.desk")),
    path("plans/", include("kehoach.execution.urls.plans")),
    path("tasks/", include("kehoach.execution.urls.tasks")),
    path("reports/", include("kehoach.execution.urls.reports")),
    path("notifications/", include("kehoach.notifications.urls")),
    path("jobs/", include("kehoach.jobs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("kehoach.api.urls")),
    # The admin's own login would skip the second factor and the throttling pages: ours.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="admin_login",
    ),
    path("admin/", admin.site.urls),
]
