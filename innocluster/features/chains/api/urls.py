from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "chains_api"

router = SimpleRouter(trailing_slash=True)
router.register("supply-links", views.SupplyLinkViewSet, basename="supply-link")

urlpatterns = [
    path("clusters/<int:pk>/chain/", views.ClusterChainView.as_view(), name="cluster-chain"),
    *router.urls,
]
