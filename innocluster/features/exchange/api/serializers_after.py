"""The API's shapes of what follows the award: the contract, the delivery, the ratings."""

from rest_framework import serializers

from innocluster.core.fields import BoundedListField
from innocluster.platform.organizations.models import Organization

from ..models import Contract, Rating

MAX_RATED_ORGANIZATIONS = 100


class ExchangeContractInSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    # No bounds here: a non-positive amount is the service's refusal, with its own code.
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    signed_on = serializers.DateField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class ExchangeContractSerializer(serializers.ModelSerializer):
    order = serializers.IntegerField(source="order_id", read_only=True)
    award = serializers.IntegerField(source="award_id", read_only=True)

    class Meta:
        model = Contract
        fields = [
            "id", "order", "award", "number", "amount", "signed_on", "starts_on", "ends_on",
            "recorded_at", "delivered_on", "delivery_confirmed_at",
        ]  # fmt: skip
        read_only_fields = fields


class ExchangeDeliveryInSerializer(serializers.Serializer):
    delivered_on = serializers.DateField()


class ExchangeRatingInSerializer(serializers.Serializer):
    # No bounds here: a score outside 1–5 is the service's refusal, with its own code.
    score = serializers.IntegerField()
    comment = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, default=None, allow_null=True,
        help_text="The rating side, when the caller acts for both",
    )  # fmt: skip


class ExchangeRatingSerializer(serializers.ModelSerializer):
    order = serializers.IntegerField(source="order_id", read_only=True)
    rater = serializers.IntegerField(source="rater_id", read_only=True)
    rated = serializers.IntegerField(source="rated_id", read_only=True)

    class Meta:
        model = Rating
        fields = ["id", "order", "rater", "rated", "score", "comment", "created_at"]
        read_only_fields = fields


class ExchangeRatingSummarySerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    average = serializers.DecimalField(max_digits=2, decimal_places=1)
    count = serializers.IntegerField()


class ExchangeRatingQuerySerializer(serializers.Serializer):
    organization = BoundedListField(
        child=serializers.IntegerField(min_value=1), max_length=MAX_RATED_ORGANIZATIONS
    )
