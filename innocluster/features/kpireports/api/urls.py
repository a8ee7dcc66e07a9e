from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "kpireports_api"

router = SimpleRouter(trailing_slash=True)
router.register("kpi-reports", views.KpiReportViewSet, basename="kpi-report")
router.register("kpi-indicators", views.IndicatorViewSet, basename="kpi-indicator")
router.register("kpi-campaigns", views.CampaignViewSet, basename="kpi-campaign")

document = views.KpiReportDocumentViewSet.as_view({"get": "retrieve", "delete": "destroy"})
urlpatterns = [
    path("kpi-reports/<int:pk>/documents/<int:document_pk>/", document, name="kpi-report-document"),
    path("", include(router.urls)),
]
