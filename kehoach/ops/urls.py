from django.urls import path

from kehoach.ops import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
]
