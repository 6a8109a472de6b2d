"""The public pages, under /hoi-dap/ (no account)."""

from django.urls import path

from kehoach.qa.views import public

app_name = "qa_public"

urlpatterns = [
    path("", public.ask, name="ask"),
    path("da-gui/", public.thanks, name="thanks"),
    path("tra-cuu/", public.lookup, name="lookup"),
    path("tra-cuu/y-kien/", public.feedback, name="feedback"),
    path("cau-hoi/", public.question_list, name="list"),
    path("cau-hoi/<id:question_id>/", public.question_detail, name="detail"),
    path(
        "cau-hoi/<id:question_id>/tep/<id:attachment_id>/",
        public.attachment,
        name="attachment",
    ),
    path("thong-ke/", public.statistics, name="statistics"),
]
