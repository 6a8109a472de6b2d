from django.urls import path

from kehoach.results import views

app_name = "results"

urlpatterns = [
    path("plans/<id:plan_id>/", views.plan_reports, name="plan"),
    path("plans/<id:plan_id>/compile/", views.compile_view, name="compile"),
    path("<id:report_id>/", views.report_detail, name="detail"),
    path("<id:report_id>/sections/<str:key>/", views.section_save, name="section"),
    path("<id:report_id>/header/", views.header_save, name="header"),
    path("<id:report_id>/regenerate/", views.regenerate, name="regenerate"),
    path("<id:report_id>/export/<str:fmt>/", views.export, name="export"),
]
