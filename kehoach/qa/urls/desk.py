"""The back office of the Q&A desk, under /qa/ (login)."""

from django.urls import path

from kehoach.qa.views import desk, sessions

app_name = "qa"

urlpatterns = [
    path("", desk.home, name="home"),
    path("agency/", desk.agency_queue, name="agency"),
    path("approvals/", desk.approvals, name="approvals"),
    path("overdue/", desk.overdue, name="overdue"),
    path("questions/", desk.question_list, name="list"),
    path("questions/<id:question_id>/", desk.question_detail, name="detail"),
    path("questions/<id:question_id>/classify/", desk.classify, name="classify"),
    path("questions/<id:question_id>/release/", desk.release, name="release"),
    path("questions/<id:question_id>/merge/", desk.merge, name="merge"),
    path("questions/<id:question_id>/route/", desk.route, name="route"),
    path("questions/<id:question_id>/transfer/", desk.transfer, name="transfer"),
    path("questions/<id:question_id>/close/", desk.close, name="close"),
    path("questions/<id:question_id>/note/", desk.note, name="note"),
    path("questions/<id:question_id>/draft/", desk.draft, name="draft"),
    path("questions/<id:question_id>/publish/", desk.publish, name="publish"),
    path("questions/<id:question_id>/return/", desk.send_back, name="return"),
    path("questions/<id:question_id>/promise-done/", desk.promise_done, name="promise_done"),
    path("questions/<id:question_id>/on-air/", desk.on_air, name="on_air"),
    path(
        "questions/<id:question_id>/files/<id:attachment_id>/",
        desk.attachment,
        name="attachment",
    ),
    path(
        "questions/<id:question_id>/files/<id:attachment_id>/approve/",
        desk.attachment_approve,
        name="attachment_approve",
    ),
    path("statistics/", desk.statistics, name="statistics"),
    path("statistics/export/", desk.statistics_export, name="statistics_export"),
    path("sessions/", sessions.session_list, name="sessions"),
    path("sessions/<id:session_id>/", sessions.session_detail, name="session_detail"),
    path("sessions/<id:session_id>/add/", sessions.session_add, name="session_add"),
    path("fields/", sessions.field_list, name="fields"),
]
