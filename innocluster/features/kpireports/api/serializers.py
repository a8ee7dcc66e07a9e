from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from innocluster.platform.reviews.api.serializers import (
    CASE_FIELDS,
    CONTACT_FIELDS,
    CaseFieldsSerializer,
    ContactWriteSerializer,
)

from ..choices import Unit, Validation
from ..models import Campaign, Indicator, KpiReport, KpiReportDocument
from ..selectors import report_rows

FIGURES_HELP = (
    "{indicator code: value}. A value is a decimal as a string («1250000.50», «12») or, for the "
    'countries indicator, a list of ISO 3166 codes; or {"value": …, "unit": …} where the '
    "unit, if given, must be the indicator's (OKEI code, or «country»). Leave an indicator "
    "out to leave it empty. The whole object replaces the figures."
)


class IndicatorSerializer(serializers.ModelSerializer):
    unit = serializers.ChoiceField(choices=Unit.choices)
    validation = serializers.ChoiceField(choices=Validation.choices)
    part_of = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_ru",
            "name_en",
            "unit",
            "validation",
            "required",
            "part_of",
            "definition_ru",
            "definition_en",
            "methodology_ru",
            "methodology_en",
        ]


class FigureRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    value = serializers.JSONField(allow_null=True, help_text="This year's figure as stored.")
    previous = serializers.JSONField(allow_null=True, help_text="Last year's accepted figure.")
    prefill = serializers.JSONField(
        allow_null=True, help_text="What the platform knew: {value, sources: {label: value}}."
    )
    jump = serializers.BooleanField(help_text="Moved by KPI_JUMP_FACTOR or more from last year.")


class KpiReportDocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = KpiReportDocument
        fields = ["id", "file_name", "size", "sha256", "uploaded_at", "url"]
        extra_kwargs = {"size": {"required": True}}

    def get_url(self, document) -> str:
        return reverse(
            "kpireports_api:kpi-report-document",
            kwargs={"pk": document.application.case_id, "document_pk": document.pk},
        )


class KpiReportDocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class KpiReportSerializer(CaseFieldsSerializer, serializers.ModelSerializer):
    year = serializers.IntegerField(source="campaign.year", read_only=True)
    deadline = serializers.DateField(source="campaign.deadline", read_only=True)
    figures = serializers.JSONField(read_only=True, help_text=FIGURES_HELP)
    rows = serializers.SerializerMethodField()
    documents = KpiReportDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = KpiReport
        fields = [
            *CASE_FIELDS,
            "year",
            "deadline",
            "figures",
            "rows",
            "comment",
            "filed_at",
            "late",
            *CONTACT_FIELDS,
            "documents",
            "history",
        ]

    @extend_schema_field(FigureRowSerializer(many=True))
    def get_rows(self, report) -> list:
        return [
            {
                "code": row["indicator"].code,
                "value": row["value"],
                "previous": row["previous"],
                "prefill": row["prefill"],
                "jump": row["jump"],
            }
            for row in report_rows(report)
        ]


@extend_schema_field(OpenApiTypes.OBJECT)
class FiguresField(serializers.JSONField):
    """The figures object; checked against the catalogue by the model (figures.py)."""

    def to_internal_value(self, data):
        if not isinstance(data, dict) or len(data) > 100:
            raise serializers.ValidationError("Give an object of at most 100 figures.")
        return data


class KpiReportWriteSerializer(ContactWriteSerializer):
    figures = FiguresField(required=False, help_text=FIGURES_HELP)
    comment = serializers.CharField(max_length=5_000, required=False, allow_blank=True)


class KpiReportCreateSerializer(KpiReportWriteSerializer):
    organization = serializers.IntegerField(help_text="The organization that reports.")
    year = serializers.IntegerField(
        min_value=1, max_value=9999, help_text="The year reported: its campaign must be open."
    )


class CampaignSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = ["year", "deadline", "indicator_codes", "opened_at", "closed_at", "progress"]
        read_only_fields = ["indicator_codes", "opened_at", "closed_at"]

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "integer"}})
    def get_progress(self, campaign) -> dict:
        from ..selectors import campaign_progress

        return campaign_progress(campaign)


class CampaignOpenSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2019, max_value=2100)
    deadline = serializers.DateField(help_text="Moscow date, the day included (e.g. 1 April).")


class NotFiledSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization_id")
    short_name = serializers.CharField(source="organization.short_name")
    register_number = serializers.CharField(allow_null=True)
    status_active = serializers.BooleanField()
