from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="moved_list"),  # to the directory
    path("register/", views.organization_register, name="register"),
    path(
        "invitations/mine/<int:invitation_pk>/accept/",
        views.invitation_accept_mine,
        name="invitation_accept_mine",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
    path("<int:pk>/logo/", views.organization_logo, name="logo"),
    path("<int:pk>/audit/", views.audit, name="audit"),
    path("<int:pk>/join/", views.request_membership, name="request_membership"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/members/invite/", views.invite, name="invite"),
    path("<int:pk>/members/<int:membership_pk>/role/", views.member_role, name="member_role"),
    path("<int:pk>/members/<int:membership_pk>/remove/", views.member_remove, name="member_remove"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "<int:pk>/requests/<int:request_pk>/<str:decision>/",
        views.request_decide,
        name="request_decide",
    ),
    path("<int:pk>/products/new/", views.product_form, name="product_create"),
    path("<int:pk>/products/<int:product_pk>/edit/", views.product_form, name="product_edit"),
    path("<int:pk>/products/<int:product_pk>/delete/", views.product_delete, name="product_delete"),
    path("<int:pk>/products/<int:product_pk>/image/", views.product_image, name="product_image"),
]
