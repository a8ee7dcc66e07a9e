"""What the awards API reads and writes. Money is a decimal string ("1250000.50")."""

from decimal import Decimal

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..choices import AgreementState
from .models import MONEY, RETURN_REASON_MAX_LENGTH, Agreement, Award, Payment, Report, Tranche


class AgreementSignerSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True)


class AgreementSerializer(serializers.ModelSerializer):
    recipient_signer = AgreementSignerSerializer(read_only=True, allow_null=True)
    fund_signer = AgreementSignerSerializer(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "number",
            "state",
            "sha256",
            "created_at",
            "in_force_on",
            "recipient_signer",
            "recipient_accepted_at",
            "fund_signer",
            "fund_accepted_at",
            "url",
        ]

    def get_url(self, agreement) -> str:
        """Where the PDF is downloaded (members and fund staff)."""
        return reverse("award-agreement", kwargs={"pk": agreement.award_id})


class PaymentSerializer(serializers.ModelSerializer):
    award = serializers.IntegerField(source="tranche.award_id", read_only=True)
    tranche_number = serializers.IntegerField(source="tranche.number", read_only=True)

    class Meta:
        model = Payment
        fields = [
            "id",
            "award",
            "tranche",
            "tranche_number",
            "amount",
            "paid_on",
            "reference",
            "recorded_at",
        ]


class PaymentCreateSerializer(serializers.Serializer):
    tranche = serializers.IntegerField(help_text="The id of the tranche paid.")
    paid_on = serializers.DateField()
    reference = serializers.CharField(max_length=64, help_text="The payment order's number.")


class AwardReportSerializer(serializers.ModelSerializer):
    award = serializers.IntegerField(source="tranche.award_id", read_only=True)
    tranche_number = serializers.IntegerField(source="tranche.number", read_only=True)
    year = serializers.IntegerField(source="tranche.period", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "award",
            "tranche",
            "tranche_number",
            "year",
            "due_on",
            "state",
            "actual_costs",
            "sha256",
            "filed_at",
            "accepted_at",
            "return_reason",
            "url",
        ]

    def get_url(self, report) -> str | None:
        """Where the filed PDF is downloaded; null until one is filed."""
        return reverse("award-report-document", kwargs={"pk": report.pk}) if report.file else None


class AwardReportFileSerializer(serializers.Serializer):
    actual_costs = serializers.DecimalField(**MONEY, min_value=Decimal(0))
    file = serializers.FileField(help_text="The report as a PDF.")


class ReportReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=RETURN_REASON_MAX_LENGTH)


class AgreementAcceptSerializer(serializers.Serializer):
    sha256 = serializers.CharField(
        max_length=64, help_text="The SHA-256 of the agreement document the person read."
    )


class TrancheSerializer(serializers.ModelSerializer):
    payment = PaymentSerializer(read_only=True, allow_null=True, default=None)
    report = serializers.SerializerMethodField()

    class Meta:
        model = Tranche
        fields = ["id", "number", "period", "amount", "due_on", "state", "payment", "report"]

    def get_report(self, tranche) -> int | None:
        """The id of the report that releases this tranche (null for the advance)."""
        report = getattr(tranche, "report", None)
        return report.pk if report else None


class AwardOrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    inn = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class AwardMeasureSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)


class AwardSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="application.case.number", read_only=True)
    organization = AwardOrganizationSerializer(read_only=True)
    measure = AwardMeasureSerializer(read_only=True)
    agreement_number = serializers.CharField(source="agreement.number", read_only=True)
    agreement_state = serializers.ChoiceField(
        source="agreement.state", choices=AgreementState.choices, read_only=True
    )

    class Meta:
        model = Award
        fields = [
            "id",
            "case",
            "organization",
            "measure",
            "amount",
            "year",
            "awarded_at",
            "advance_percent",
            "yearly_tranches",
            "agreement_number",
            "agreement_state",
        ]


class AwardDetailSerializer(AwardSerializer):
    agreement = AgreementSerializer(read_only=True)
    tranches = TrancheSerializer(many=True, read_only=True)
    reports = serializers.SerializerMethodField()

    class Meta(AwardSerializer.Meta):
        fields = [*AwardSerializer.Meta.fields, "agreement", "tranches", "reports"]

    @extend_schema_field(AwardReportSerializer(many=True))
    def get_reports(self, award):
        reports = [t.report for t in award.tranches.all() if getattr(t, "report", None)]
        return AwardReportSerializer(reports, many=True).data
