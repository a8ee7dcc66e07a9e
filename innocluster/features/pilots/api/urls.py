from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import proposal, views

app_name = "pilots_api"

router = SimpleRouter(trailing_slash=True)
router.register("pilot-sites", views.SiteViewSet, basename="pilot-site")
router.register("pilot-proposals", proposal.PilotProposalViewSet, basename="pilot-proposal")
router.register("pilots", proposal.PilotViewSet, basename="pilot")

document = proposal.PilotProposalDocumentViewSet.as_view({"get": "retrieve", "delete": "destroy"})
plan = proposal.PilotPlanViewSet
urlpatterns = [
    path(
        "pilots/<int:pk>/plan/",
        plan.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="pilot-plan",
    ),
    path("pilots/<int:pk>/plan/agree/", plan.as_view({"post": "agree"}), name="pilot-plan-agree"),
    path(
        "pilot-proposals/<int:pk>/documents/<int:document_pk>/",
        document,
        name="pilot-proposal-document-file",
    ),
    path("", include(router.urls)),
]
