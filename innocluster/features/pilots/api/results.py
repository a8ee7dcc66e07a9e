"""The end of a pilot in the API: the site's report, the company's answer, the publication,
and the published results anybody reads (with the catalogue's filters)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.errors import NotFound
from innocluster.core.fields import BoundedListField
from innocluster.core.regions import CODE_CHOICES
from innocluster.core.viewsets import PublicReadViewSet

from .. import results, selectors
from ..choices import MAX_KPIS, KpiUnit
from ..filters import ResultFilterSet
from ..models import PilotReport

REPORT_FIELDS = [
    "id",
    "pilot",
    "organization",
    "title",
    "category",
    "region",
    "sites_text",
    "measured",
    "users_opinion",
    "recommendations",
    "would_buy",
    "company_answer",
    "answered_at",
    "is_published",
    "published_at",
    "sha256",
    "created_at",
]


class MeasuredKpiSerializer(serializers.Serializer):
    name = serializers.CharField()
    unit = serializers.ChoiceField(choices=KpiUnit.choices)
    target = serializers.CharField(help_text="A decimal number: «95», «12.5».")
    value = serializers.CharField(help_text="The value measured, in the KPI's unit: «96.4».")


class PilotResultSerializer(serializers.ModelSerializer):
    """A published result: the site's report less its confidential remarks."""

    measured = MeasuredKpiSerializer(many=True, read_only=True)
    region = serializers.ChoiceField(choices=CODE_CHOICES, read_only=True)

    class Meta:
        model = PilotReport
        fields = REPORT_FIELDS
        read_only_fields = fields


class PilotReportSerializer(PilotResultSerializer):
    """The report as its pilot's company, site and fund read it: with the confidential
    remarks."""

    class Meta(PilotResultSerializer.Meta):
        fields = [*REPORT_FIELDS, "confidential"]
        read_only_fields = fields


class MeasuredValueSerializer(serializers.Serializer):
    unit = serializers.ChoiceField(
        choices=KpiUnit.choices, help_text="The KPI's own unit: another is refused."
    )
    value = serializers.CharField(max_length=40, help_text="A decimal number: «96.4».")


class ReportFileSerializer(serializers.Serializer):
    measured = BoundedListField(
        child=MeasuredValueSerializer(),
        max_length=MAX_KPIS,
        help_text="A value for each agreed KPI, in the plan's order.",
    )
    users_opinion = serializers.CharField(max_length=5_000)
    recommendations = serializers.CharField(
        max_length=5_000, required=False, allow_blank=True, default=""
    )
    would_buy = serializers.BooleanField()
    confidential = serializers.CharField(
        max_length=5_000, required=False, allow_blank=True, default=""
    )


class ReportAnswerSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5_000)


class PilotReportViewSet(viewsets.GenericViewSet):
    """The site's report on a finished pilot: read it, file it (the site), answer it (the
    company), publish the result (the company or the fund)."""

    serializer_class = PilotReportSerializer
    permission_classes = [IsAuthenticated]
    queryset = PilotReport.objects.none()

    def _pilot(self):
        return selectors.pilot_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    def _answer(self, pilot, status=200):
        report = selectors.report_of(pilot)
        if report is None:
            raise NotFound(_("The site has not filed its report yet."))
        data = PilotReportSerializer(report).data
        if not selectors.may_read_confidential(pilot=pilot, user=self.request.user):
            data["confidential"] = ""  # a site that refused sees the pilot, not the remarks
        return Response(data, status=status)

    @extend_schema(
        summary="A finished pilot's report",
        responses={200: PilotReportSerializer, **problem_responses(404)},
    )
    def retrieve(self, request, pk=None):
        return self._answer(self._pilot())

    @extend_schema(
        summary="File the site's report once the test is finished: each KPI measured in its unit",
        request=ReportFileSerializer,
        responses={201: PilotReportSerializer, **problem_responses(400, 403, 404, 409)},
    )
    def create(self, request, pk=None):
        pilot = self._pilot()
        data = validated(ReportFileSerializer, request.data)
        results.report_file(pilot=pilot, actor=request.user, **data)
        return self._answer(pilot, status=201)

    @extend_schema(
        summary="The company answers the site's report (before the result is published)",
        request=ReportAnswerSerializer,
        responses={200: PilotReportSerializer, **problem_responses(400, 403, 404, 409)},
    )
    def answer(self, request, pk=None):
        pilot = self._pilot()
        data = validated(ReportAnswerSerializer, request.data)
        results.report_answer(pilot=pilot, actor=request.user, text=data["text"])
        return self._answer(pilot)

    @extend_schema(
        summary="Publish the pilot's result (the company or the fund); its hash goes on the ledger",
        request=None,
        responses={200: PilotReportSerializer, **problem_responses(403, 404, 409)},
    )
    def publish(self, request, pk=None):
        pilot = self._pilot()
        results.result_publish(pilot=pilot, actor=request.user)
        return self._answer(pilot)


@extend_schema_view(
    list=extend_schema(summary="Published results of finished pilots, with filters"),
    retrieve=extend_schema(summary="One published pilot result"),
)
class PilotResultViewSet(PublicReadViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The published results of finished pilots: anybody reads them."""

    serializer_class = PilotResultSerializer
    filterset_class = ResultFilterSet

    def get_queryset(self):
        return selectors.result_list_public()

    def get_object(self):
        return selectors.result_get_public(pk=self.kwargs["pk"])
