from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import proposal, views

app_name = "pilots_api"

router = SimpleRouter(trailing_slash=True)
router.register("pilot-sites", views.SiteViewSet, basename="pilot-site")
router.register("pilot-proposals", proposal.PilotProposalViewSet, basename="pilot-proposal")
router.register("pilots", proposal.PilotViewSet, basename="pilot")

document = proposal.PilotProposalDocumentViewSet.as_view({"get": "retrieve", "delete": "destroy"})
urlpatterns = [
    path(
        "pilot-proposals/<int:pk>/documents/<int:document_pk>/",
        document,
        name="pilot-proposal-document-file",
    ),
    path("", include(router.urls)),
]
