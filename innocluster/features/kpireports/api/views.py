"""The API of KPI reports: the report (the submission kit's view sets), the catalogue (public)
and the fund's campaigns (staff)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.errors import NotFound
from innocluster.platform.reviews.api.submissions import (
    SubmissionApi,
    document_viewset,
    submission_viewset,
)

from .. import selectors, services
from ..kind import CASE_KIND
from ..models import Campaign, Indicator
from . import serializers as s

API = SubmissionApi.named(
    CASE_KIND,
    s,
    "KpiReport",
    "KpiReportDocument",
    create_summary="Open the organization's report for an open year (or get the one open)",
    document_summary="Attach a supporting document (a PDF of at most 10 MB)",
)


class KpiReportViewSet(submission_viewset(API)):
    def create_draft(self, *, organization, data):
        campaign = services.open_campaign_for(data.pop("year"))
        return services.report_open(
            campaign=campaign, organization=organization, actor=self.request.user, fields=data
        )


class KpiReportDocumentViewSet(document_viewset(API)):
    """One document of a KPI report: download it, or remove it from a draft."""


@extend_schema_view(
    list=extend_schema(summary="The KPI catalogue: the indicators reported each year"),
)
class IndicatorViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.IndicatorSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    queryset = Indicator.objects.none()

    def get_queryset(self):
        return selectors.catalogue()


class StaffOnly(IsAuthenticated):
    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if not request.user.is_fund_staff:
            raise NotFound("Not found.")
        return True


@extend_schema_view(
    list=extend_schema(summary="Reporting campaigns with their progress (fund staff)"),
    retrieve=extend_schema(
        summary="One campaign with its progress (fund staff)",
        responses={200: s.CampaignSerializer, **problem_responses(404)},
    ),
)
class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.CampaignSerializer
    permission_classes = [StaffOnly]
    lookup_field = "year"
    lookup_value_regex = "[0-9]{1,4}"
    queryset = Campaign.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.campaign_list()

    def get_object(self):
        return selectors.campaign_get(year=int(self.kwargs["year"]))

    @extend_schema(
        summary="Open the campaign of a year (fund administrators)",
        request=s.CampaignOpenSerializer,
        responses={201: s.CampaignSerializer, **problem_responses(400, 403, 404, 409)},
    )
    def create(self, request):
        data = validated(s.CampaignOpenSerializer, request.data)
        campaign = services.campaign_open(actor=request.user, **data)
        return Response(s.CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Who owes the campaign a report and has not filed it (after the deadline: "
        "each may be considered for revocation on the register, one by one)",
        responses={200: s.NotFiledSerializer(many=True), **problem_responses(404)},
    )
    @action(detail=True, methods=["get"], url_path="not-filed", pagination_class=None)
    def not_filed(self, request, year=None):
        campaign = self.get_object()
        rows = []
        for due in selectors.with_status(selectors.not_filed(campaign)[:1000]):
            rows.append(
                {
                    "organization_id": due.organization_id,
                    "organization": due.organization,
                    "register_number": due.status.register_number if due.status else None,
                    "status_active": bool(due.status and due.status.is_active),
                }
            )
        return Response(s.NotFiledSerializer(rows, many=True).data)
