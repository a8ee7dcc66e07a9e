from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "clusters_api"

router = SimpleRouter(trailing_slash=True)
router.register("clusters", views.ClusterViewSet, basename="cluster")
router.register("cluster-invitations", views.InvitationViewSet, basename="cluster-invitation")
router.register("cluster-join-requests", views.JoinRequestViewSet, basename="cluster-join-request")

member = views.ClusterMemberViewSet
urlpatterns = [
    path(
        "clusters/<int:pk>/members/<int:member_pk>/remove/",
        member.as_view({"post": "remove"}),
        name="cluster-member-remove",
    ),
    path(
        "clusters/<int:pk>/members/<int:member_pk>/leave/",
        member.as_view({"post": "leave"}),
        name="cluster-member-leave",
    ),
    path(
        "clusters/<int:pk>/members/<int:member_pk>/admin/",
        member.as_view({"post": "admin"}),
        name="cluster-member-admin",
    ),
    *router.urls,
]
