from django.urls import path

from kehoach.training import views

app_name = "training"

urlpatterns = [
    path("", views.campaign_list, name="campaigns"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<id:campaign_id>/", views.campaign_detail, name="campaign"),
    path("campaigns/<id:campaign_id>/close/", views.campaign_close_view, name="campaign_close"),
    path("campaigns/<id:campaign_id>/sessions/new/", views.session_new, name="session_new"),
    path("sessions/<id:session_id>/", views.session_detail, name="session"),
    path("campaigns/<id:campaign_id>/stats.xlsx", views.campaign_stats, name="campaign_stats"),
    path("sessions/<id:session_id>/signin.docx", views.session_signin, name="session_signin"),
    path("sessions/<id:session_id>/close/", views.session_close_view, name="session_close"),
    path("sessions/<id:session_id>/import/", views.session_import, name="session_import"),
    path("sessions/<id:session_id>/qr/", views.session_qr, name="session_qr"),
    path("checkin/<str:token>/", views.checkin, name="checkin"),
    path("test/<str:token>/", views.take_test, name="test"),
    path("campaigns/<id:campaign_id>/questions/", views.questions, name="questions"),
    path(
        "campaigns/<id:campaign_id>/questions/import/",
        views.questions_import_view,
        name="questions_import",
    ),
    path("roster/", views.roster_index, name="roster_index"),
    path("roster/<id:unit_id>/", views.roster, name="roster"),
    path("roster/<id:unit_id>/import/", views.roster_import_view, name="roster_import"),
    path("roster/<id:unit_id>/export/<str:fmt>/", views.roster_export_view, name="roster_export"),
    path("members/<id:member_id>/edit/", views.member_edit, name="member_edit"),
]
