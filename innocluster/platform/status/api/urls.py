from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register(
    "status-applications", views.StatusApplicationViewSet, basename="status-application"
)
router.register("register", views.RegisterViewSet, basename="register")

document = views.DocumentViewSet.as_view({"get": "retrieve", "delete": "destroy"})
urlpatterns = [
    path("", include(router.urls)),
    path(
        "status-applications/<int:pk>/documents/<int:document_pk>/",
        document,
        name="status-application-document-file",
    ),
]
