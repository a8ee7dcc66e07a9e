from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import application, projects

app_name = "clusters_api"

router = SimpleRouter(trailing_slash=True)
router.register(
    r"clusters/(?P<cluster_pk>\d+)/projects", projects.ProjectViewSet, basename="cluster-project"
)
router.register(
    "cluster-applications", application.ClusterApplicationViewSet, basename="cluster-application"
)
router.register("cluster-register", application.ClusterRegisterViewSet, basename="cluster-register")

document = application.ClusterDocumentViewSet.as_view({"get": "retrieve", "delete": "destroy"})
urlpatterns = [
    path("", include(router.urls)),
    path(
        "cluster-applications/<int:pk>/documents/<int:document_pk>/",
        document,
        name="cluster-application-document-file",
    ),
]
