from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import application, projects, views

app_name = "clusters_api"

router = SimpleRouter(trailing_slash=True)
router.register("clusters", views.ClusterViewSet, basename="cluster")
router.register("cluster-invitations", views.InvitationViewSet, basename="cluster-invitation")
router.register("cluster-join-requests", views.JoinRequestViewSet, basename="cluster-join-request")
router.register(
    r"clusters/(?P<cluster_pk>\d+)/projects", projects.ProjectViewSet, basename="cluster-project"
)
router.register(
    "cluster-applications", application.ClusterApplicationViewSet, basename="cluster-application"
)
router.register("cluster-register", application.ClusterRegisterViewSet, basename="cluster-register")

member = views.ClusterMemberViewSet
document = application.ClusterDocumentViewSet.as_view({"get": "retrieve", "delete": "destroy"})
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
    path(
        "cluster-applications/<int:pk>/documents/<int:document_pk>/",
        document,
        name="cluster-application-document-file",
    ),
    path("", include(router.urls)),
]
