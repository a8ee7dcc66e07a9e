from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import proposal, results, views

app_name = "pilots_api"

router = SimpleRouter(trailing_slash=True)
router.register("pilot-sites", views.SiteViewSet, basename="pilot-site")
router.register("pilot-proposals", proposal.PilotProposalViewSet, basename="pilot-proposal")
router.register("pilots", proposal.PilotViewSet, basename="pilot")
router.register("pilot-results", results.PilotResultViewSet, basename="pilot-result")

document = proposal.PilotProposalDocumentViewSet.as_view({"get": "retrieve", "delete": "destroy"})
plan = proposal.PilotPlanViewSet
report = results.PilotReportViewSet
urlpatterns = [
    path(
        "pilots/<int:pk>/plan/",
        plan.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="pilot-plan",
    ),
    path("pilots/<int:pk>/plan/agree/", plan.as_view({"post": "agree"}), name="pilot-plan-agree"),
    path(
        "pilots/<int:pk>/report/",
        report.as_view({"get": "retrieve", "post": "create"}),
        name="pilot-report",
    ),
    path(
        "pilots/<int:pk>/report/answer/",
        report.as_view({"post": "answer"}),
        name="pilot-report-answer",
    ),
    path("pilots/<int:pk>/publish/", report.as_view({"post": "publish"}), name="pilot-publish"),
    path(
        "pilot-proposals/<int:pk>/documents/<int:document_pk>/",
        document,
        name="pilot-proposal-document-file",
    ),
    path("", include(router.urls)),
]
