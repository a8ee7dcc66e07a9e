from rest_framework import serializers

from ..choices import CaseStatus, Decision
from ..models import REASON_MAX_LENGTH, Case, CaseEvent


class CaseEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseEvent
        fields = ["at", "action", "status", "message", "decision_due"]


class CaseOrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    inn = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class CaseSerializer(serializers.ModelSerializer):
    """What every case shows, whatever its kind: where it stands, its clock and its history."""

    number = serializers.CharField(read_only=True)
    organization = CaseOrganizationSerializer(read_only=True)
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    history = CaseEventSerializer(source="events", many=True, read_only=True)
    status = serializers.ChoiceField(choices=CaseStatus.choices, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "kind",
            "organization",
            "status",
            "submitted_at",
            "decision_due",
            "overdue",
            "paused_days_left",
            "decided_at",
            "decision_reason",
            "history",
        ]


class ReviewDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(
        max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField(
        max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=REASON_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class CaseFieldsSerializer(serializers.Serializer):
    """Where a submission's case stands, for the serializer of any kind's submission (whose
    `case` is its review case): mix it in and list CASE_FIELDS in Meta.fields."""

    id = serializers.IntegerField(source="case_id", read_only=True)
    number = serializers.CharField(source="case.number", read_only=True)
    # Null where the schema says so: a draft is not submitted, a case of a person has no
    # organization, a case not decided has no decision.
    organization = serializers.IntegerField(
        source="case.organization_id", read_only=True, allow_null=True
    )
    status = serializers.CharField(source="case.status", read_only=True)
    submitted_at = serializers.DateTimeField(
        source="case.submitted_at", read_only=True, allow_null=True
    )
    decision_due = serializers.DateField(
        source="case.decision_due", read_only=True, allow_null=True
    )
    paused_days_left = serializers.IntegerField(
        source="case.paused_days_left", read_only=True, allow_null=True
    )
    decided_at = serializers.DateTimeField(
        source="case.decided_at", read_only=True, allow_null=True
    )
    decision_reason = serializers.CharField(source="case.decision_reason", read_only=True)
    history = CaseEventSerializer(source="case.events", many=True, read_only=True)


CASE_FIELDS = [
    "id",
    "number",
    "organization",
    "status",
    "submitted_at",
    "decision_due",
    "paused_days_left",
    "decided_at",
    "decision_reason",
]


# The contact person every submission has (reviews.models.Submission), for a kind's
# serializers: list CONTACT_FIELDS in a read serializer's Meta.fields, subclass
# ContactWriteSerializer for its write serializer.
CONTACT_FIELDS = ["contact_name", "contact_position", "contact_phone", "contact_email"]


class ContactWriteSerializer(serializers.Serializer):
    contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_position = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
