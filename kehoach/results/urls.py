from django.urls import path

from kehoach.results import views

app_name = "results"

urlpatterns = [
    path("plans/<int:plan_id>/", views.plan_reports, name="plan"),
    path("plans/<int:plan_id>/compile/", views.compile_view, name="compile"),
    path("<int:report_id>/", views.report_detail, name="detail"),
    path("<int:report_id>/sections/<str:key>/", views.section_save, name="section"),
    path("<int:report_id>/header/", views.header_save, name="header"),
    path("<int:report_id>/regenerate/", views.regenerate, name="regenerate"),
    path("<int:report_id>/export/<str:fmt>/", views.export, name="export"),
]
