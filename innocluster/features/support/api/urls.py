from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("grant-applications", views.GrantApplicationViewSet, basename="grant-application")

item = views.ItemViewSet.as_view({"get": "retrieve", "delete": "destroy"})
item_cut = views.ItemViewSet.as_view({"post": "cut"})
document = views.DocumentViewSet.as_view({"get": "retrieve", "delete": "destroy"})
urlpatterns = [
    path("", include(router.urls)),
    path("", include("innocluster.features.support.awards.api")),
    path("grant-applications/<int:pk>/items/<int:item_pk>/", item, name="grant-application-item"),
    path(
        "grant-applications/<int:pk>/items/<int:item_pk>/cut/",
        item_cut,
        name="grant-application-item-cut",
    ),
    path(
        "grant-applications/<int:pk>/documents/<int:document_pk>/",
        document,
        name="grant-application-document",
    ),
]
