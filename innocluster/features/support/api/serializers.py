from decimal import Decimal

from django.urls import reverse
from rest_framework import serializers

from innocluster.platform.reviews.api.serializers import (
    CASE_FIELDS,
    CONTACT_FIELDS,
    CaseFieldsSerializer,
    ContactWriteSerializer,
)

from ..choices import ITEM_ORIGINS, CostCategory
from ..models import (
    ApplicationDocument,
    Call,
    CostItem,
    CostRule,
    Criterion,
    GrantApplication,
    Measure,
    RequiredDocument,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
CONTACT = CONTACT_FIELDS


class CostRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = CostRule
        fields = ["category", "origin", "mode", "percent", "fixed_amount", "item_cap"]


class TitledSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)


class RequiredDocumentSerializer(TitledSerializer):
    class Meta:
        model = RequiredDocument
        fields = ["id", "title"]


class CriterionSerializer(TitledSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "title", "weight"]


class CallSerializer(serializers.ModelSerializer):
    open_now = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = ["id", "opens_on", "closes_on", "open_now"]

    def get_open_now(self, call) -> bool:
        return call.is_open()


class MeasureSerializer(serializers.ModelSerializer):
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    industries = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    cost_rules = CostRuleSerializer(many=True, read_only=True)
    required_documents = RequiredDocumentSerializer(many=True, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)
    calls = CallSerializer(many=True, read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "code",
            "title",
            "summary",
            "level",
            "provider",
            "for_legal_entities",
            "for_sole_proprietors",
            "required_status",
            "regions",
            "org_types",
            "industries",
            "sme_only",
            "min_company_age_years",
            "cost_rules",
            "cap_per_application",
            "cap_per_company_year",
            "over_cap_policy",
            "review_business_days",
            "advance_percent",
            "yearly_tranches",
            "required_documents",
            "criteria",
            "calls",
        ]


class CheckSerializer(serializers.Serializer):
    code = serializers.CharField()
    requirement = serializers.CharField()
    met = serializers.BooleanField()
    detail = serializers.CharField()
    step = serializers.CharField()
    step_url = serializers.CharField()


class EligibilitySerializer(serializers.Serializer):
    measure = serializers.IntegerField(source="measure.pk")
    organization = serializers.IntegerField()
    eligible = serializers.BooleanField()
    can_apply_now = serializers.BooleanField()
    one_step_away = serializers.BooleanField()
    checks = CheckSerializer(many=True)
    open_call = CallSerializer(allow_null=True)
    next_call = CallSerializer(allow_null=True)


class EligibilityQuerySerializer(serializers.Serializer):
    organization = serializers.IntegerField()


class CostItemSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = CostItem
        fields = [
            "id",
            "description",
            "category",
            "origin",
            "amount",
            "accepted_amount",
            "cut_reason",
            "document_name",
            "document_sha256",
            "url",
        ]

    def get_url(self, item) -> str:
        kwargs = {"pk": item.application.case_id, "item_pk": item.pk}
        return reverse("grant-application-item", kwargs=kwargs)


class GrantDocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ApplicationDocument
        fields = ["id", "requirement", "file_name", "sha256", "uploaded_at", "url"]

    def get_url(self, document) -> str:
        kwargs = {"pk": document.application.case_id, "document_pk": document.pk}
        return reverse("grant-application-document", kwargs=kwargs)


class GrantApplicationSerializer(CaseFieldsSerializer, serializers.ModelSerializer):
    """An application: its measure, costs, documents, the requested amount with its
    computation, and its case (status, clock, history)."""

    items = CostItemSerializer(many=True, read_only=True)
    documents = GrantDocumentSerializer(many=True, read_only=True)
    award = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True, default=None)

    class Meta:
        model = GrantApplication
        fields = [
            *CASE_FIELDS,
            "measure",
            "call",
            "purpose",
            "pilot_id",
            *CONTACT,
            "requested_amount",
            "computation",
            "awarded_computation",
            "items",
            "documents",
            "award",
            "history",
        ]


class GrantApplicationWriteSerializer(ContactWriteSerializer):
    purpose = serializers.CharField(max_length=4000, required=False, allow_blank=True)


class GrantApplicationCreateSerializer(GrantApplicationWriteSerializer):
    organization = serializers.IntegerField()
    measure = serializers.IntegerField()
    pilot_id = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2_147_483_647,
        help_text="The applicant's own pilot the application is filled from (a measure that "
        "requires an agreed pilot, such as pilot testing); another company's pilot is a 404.",
    )


class CostItemUploadSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=300)
    category = serializers.ChoiceField(choices=CostCategory.choices)
    origin = serializers.ChoiceField(choices=ITEM_ORIGINS)
    amount = serializers.DecimalField(min_value=Decimal("0.01"), **MONEY)
    document = serializers.FileField()


class GrantDocumentUploadSerializer(serializers.Serializer):
    requirement = serializers.IntegerField()
    file = serializers.FileField()


class ScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    score = serializers.IntegerField(min_value=0, max_value=10)
    comment = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class CutSerializer(serializers.Serializer):
    accepted_amount = serializers.DecimalField(min_value=Decimal("0"), **MONEY)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
