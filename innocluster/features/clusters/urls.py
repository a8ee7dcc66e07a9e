from django.urls import path

from . import views
from . import views_projects as projects

app_name = "clusters"
P = "<int:cluster_pk>/projects/<int:pk>/"
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
    # joint projects
    path("<int:cluster_pk>/projects/new/", projects.project_create, name="project_create"),
    path(P, projects.project_detail, name="project"),
    path(f"{P}edit/", projects.project_edit, name="project_edit"),
    path(f"{P}participants/", projects.participant_set, name="participant_set"),
    path(
        f"{P}participants/<int:organization_pk>/remove/",
        projects.participant_remove,
        name="participant_remove",
    ),
    path(f"{P}milestones/", projects.milestone_add, name="milestone_add"),
    path(
        f"{P}milestones/<int:milestone_pk>/record/",
        projects.milestone_record,
        name="milestone_record",
    ),
    path(
        f"{P}milestones/<int:milestone_pk>/remove/",
        projects.milestone_remove,
        name="milestone_remove",
    ),
    path(f"{P}needs/", projects.need_add, name="need_add"),
    path(f"{P}needs/<int:need_pk>/remove/", projects.need_remove, name="need_remove"),
    # the status application and the register of intersectoral clusters
    path("<int:cluster_pk>/apply/", projects.application_create, name="apply"),
    *projects.application_pages.urls("applications/"),
    path("register/", projects.register, name="register"),
    path("register/<str:number>/", projects.register_entry, name="register_entry"),
    path("register/<str:number>/change/", projects.register_change, name="register_change"),
]
