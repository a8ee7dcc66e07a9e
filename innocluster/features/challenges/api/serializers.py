from django.contrib.auth import get_user_model
from rest_framework import serializers

from innocluster.core.fields import BoundedListField, BoundedManyRelatedField
from innocluster.platform.organizations.models import Organization

from ..choices import DECIDED_CHOICES, MAX_PARTNERS, MAX_SCORE, Decision, PrizeKind, Stage
from ..models import Challenge, Criterion, Entry

MAX_EVALUATORS = 50  # the poster's people and the fund's experts named on one challenge


class ChallengeCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "name", "weight"]


class ChallengeSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="organization_id", read_only=True)
    stage = serializers.ChoiceField(choices=Stage.choices, read_only=True)
    criteria = ChallengeCriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Challenge
        fields = [
            "id", "organization", "title", "problem", "expected_result", "constraints",
            "prize_kind", "prize_amount", "submissions_until", "evaluation_until", "results_by",
            "entries_public", "stage", "criteria", "results_published_at",
        ]  # fmt: skip
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["stage"] = instance.stage()
        return data


class ChallengeCriterionInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    weight = serializers.IntegerField(min_value=1, max_value=100)


class ChallengeCreateSerializer(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    title = serializers.CharField(max_length=200)
    problem = serializers.CharField(max_length=5000)
    expected_result = serializers.CharField(max_length=3000)
    constraints = serializers.CharField(max_length=3000, required=False, default="")
    prize_kind = serializers.ChoiceField(choices=PrizeKind.choices)
    prize_amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    submissions_until = serializers.DateTimeField()
    evaluation_until = serializers.DateField()
    results_by = serializers.DateField()
    entries_public = serializers.BooleanField(default=False)
    criteria = BoundedListField(child=ChallengeCriterionInSerializer(), max_length=10)
    evaluators = BoundedManyRelatedField(
        child_relation=serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all()),
        max_length=MAX_EVALUATORS,
    )

    def validate_evaluators(self, value):
        if len(value) > MAX_EVALUATORS:
            raise serializers.ValidationError("At most 50 evaluators.", code="max_length")
        return value

    def validate_criteria(self, value):
        return [(c["name"], c["weight"]) for c in value]


class ChallengePartnerSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization_id")
    confirmed_at = serializers.DateTimeField(allow_null=True)


class ChallengeDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sha256 = serializers.CharField()


class ChallengeEntrySerializer(serializers.ModelSerializer):
    challenge = serializers.IntegerField(source="challenge_id", read_only=True)
    organization = serializers.IntegerField(source="organization_id", read_only=True)
    partners = ChallengePartnerSerializer(many=True, read_only=True)
    documents = ChallengeDocumentSerializer(many=True, read_only=True)
    decision = serializers.ChoiceField(choices=Decision.choices, read_only=True)
    reason = serializers.CharField(read_only=True)

    class Meta:
        model = Entry
        fields = [
            "id", "challenge", "organization", "title", "solution", "pilot_plan", "partners",
            "documents", "submitted_at", "updated_at", "decision", "reason",
        ]  # fmt: skip
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not instance.challenge.results_published_at:
            data["decision"], data["reason"] = "", ""  # the poster's draft, not yet published
        return data


class ChallengeEntryCreateSerializer(serializers.Serializer):
    challenge = serializers.IntegerField(min_value=1)
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    title = serializers.CharField(max_length=200)
    solution = serializers.CharField(max_length=5000)
    pilot_plan = serializers.CharField(max_length=5000)
    partners = BoundedManyRelatedField(
        child_relation=serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all()),
        max_length=MAX_PARTNERS,
        required=False,
        default=list,
    )


class ChallengeEntryUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    solution = serializers.CharField(max_length=5000, required=False)
    pilot_plan = serializers.CharField(max_length=5000, required=False)


class ChallengeUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ChallengeConfirmSerializer(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())


class ChallengeAssignSerializer(serializers.Serializer):
    evaluator = serializers.IntegerField(
        min_value=1, help_text="an evaluator's id in the challenge"
    )


class ChallengeScoreInSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1)
    score = serializers.IntegerField(min_value=0, max_value=MAX_SCORE)
    comment = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class ChallengeScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    score = serializers.IntegerField()
    comment = serializers.CharField()


class ChallengeDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=DECIDED_CHOICES)
    reason = serializers.CharField(max_length=2000)


class ChallengeBoardRowSerializer(serializers.Serializer):
    entry = serializers.IntegerField(source="entry.pk")
    title = serializers.CharField(source="entry.title")
    mean = serializers.FloatField(allow_null=True)
    spread = serializers.FloatField(allow_null=True)
    stdev = serializers.FloatField(allow_null=True)
    evaluators_done = serializers.IntegerField()
    assigned = serializers.IntegerField()
    missing = serializers.IntegerField()
