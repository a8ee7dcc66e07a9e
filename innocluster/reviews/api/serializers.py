from rest_framework import serializers

from ..choices import CaseStatus, Decision
from ..models import Case, CaseEvent


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
    reason = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
