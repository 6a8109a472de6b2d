from django.urls import path

from kehoach.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.unit_tree, name="unit_tree"),
    path("new/", views.unit_create, name="unit_create"),
    path("export/", views.unit_export, name="unit_export"),
    path("import/", views.unit_import, name="unit_import"),
    path("pick/", views.unit_pick, name="unit_pick"),
    path("<id:unit_id>/", views.unit_detail, name="unit_detail"),
    path("<id:unit_id>/edit/", views.unit_edit, name="unit_edit"),
    path("<id:unit_id>/move/", views.unit_move, name="unit_move"),
    path("<id:unit_id>/merge/", views.unit_merge, name="unit_merge"),
    path("<id:unit_id>/close/", views.unit_close, name="unit_close"),
    path("<id:unit_id>/advisory/", views.unit_advisory, name="unit_advisory"),
    path("<id:unit_id>/members/", views.unit_members, name="unit_members"),
    path("<id:unit_id>/members/new-user/", views.unit_user_create, name="unit_user_create"),
    path("memberships/<id:membership_id>/role/", views.membership_role, name="membership_role"),
    path(
        "memberships/<id:membership_id>/revoke/", views.membership_revoke, name="membership_revoke"
    ),
    path(
        "memberships/<id:membership_id>/password/",
        views.membership_password,
        name="membership_password",
    ),
]
