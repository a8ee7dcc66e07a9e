from django.urls import path

from . import views

app_name = "clusters"
urlpatterns = [
    path("", views.cluster_list, name="list"),
    path("new/", views.cluster_create, name="create"),
    path("mine/", views.my_clusters, name="mine"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:pk>/accept/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<int:pk>/decline/", views.invitation_decline, name="invitation_decline"),
    path("requests/<int:pk>/withdraw/", views.join_request_withdraw, name="request_withdraw"),
    path("<int:pk>/", views.cluster_detail, name="detail"),
    path("<int:pk>/logo/", views.cluster_logo, name="logo"),
    path("<int:pk>/edit/", views.cluster_edit, name="edit"),
    path("<int:pk>/join/", views.join_request_create, name="join"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/members/invite/", views.invite, name="invite"),
    path("<int:pk>/members/<int:member_pk>/admin/", views.admin_set, name="admin_set"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/members/<int:member_pk>/leave/", views.member_leave, name="member_leave"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<int:pk>/requests/<int:request_pk>/accept/", views.request_accept, name="request_accept"),
    path(
        "<int:pk>/requests/<int:request_pk>/decline/", views.request_decline, name="request_decline"
    ),
]
