from django.urls import reverse
from rest_framework import serializers

from innocluster.platform.organizations.models import Organization

from ..choices import LinkState
from ..models import REASON_MAX_LENGTH, SUBJECT_MAX_LENGTH, SupplyLink
from ..selectors import link_actions_for

ID_MAX = 2**63 - 1


class SupplyPartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "inn", "short_name"]
        read_only_fields = fields


class LinkActionsSerializer(serializers.Serializer):
    may_answer = serializers.BooleanField(help_text="Confirm or decline (the customer).")
    may_withdraw = serializers.BooleanField(help_text="Withdraw while it waits (the supplier).")
    may_end = serializers.BooleanField(help_text="End a confirmed link (either side).")


class SupplyLinkSerializer(serializers.ModelSerializer):
    supplier = SupplyPartySerializer(read_only=True)
    customer = SupplyPartySerializer(read_only=True)
    link_state = serializers.ChoiceField(
        source="state",
        choices=LinkState.choices,
        read_only=True,
        help_text="`pending` until the customer confirms (`confirmed`) or declines "
        "(`declined`), unless the supplier withdraws it first (`withdrawn`); a confirmed "
        "link becomes `ended` when either side ends it.",
    )
    my_actions = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = SupplyLink
        fields = [
            "id",
            "supplier",
            "customer",
            "product",
            "subject",
            "starts_on",
            "ends_on",
            "link_state",
            "decline_reason",
            "created_at",
            "answered_at",
            "my_actions",
            "url",
        ]
        read_only_fields = fields

    def get_my_actions(self, link) -> LinkActionsSerializer:
        return link_actions_for(link=link, roles=self.context.get("roles", {}))

    def get_url(self, link) -> str:
        return reverse("chains:link", kwargs={"pk": link.pk})


class SupplyLinkCreateSerializer(serializers.Serializer):
    supplier = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, help_text="Your organization that supplies."
    )
    customer = serializers.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        help_text="The organization supplied: another organization of the platform. An id "
        "that is none is 400 `supply_unknown_organization`.",
    )
    product = serializers.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        required=False,
        allow_null=True,
        help_text="One of the supplier's products; or leave it out and give `subject`.",
    )
    subject = serializers.CharField(required=False, allow_blank=True, max_length=SUBJECT_MAX_LENGTH)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)


class SupplyLinkDeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=REASON_MAX_LENGTH)


class SupplyLinkEndSerializer(serializers.Serializer):
    ends_on = serializers.DateField(required=False, allow_null=True, help_text="Today if left out.")


class ChainMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sector_id = serializers.IntegerField(allow_null=True, help_text="The first industry's id.")
    sector = serializers.CharField()


class ChainLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    supplier_id = serializers.IntegerField()
    customer_id = serializers.IntegerField()
    subject = serializers.CharField()
    starts_on = serializers.DateField()


class ChainGapSerializer(serializers.Serializer):
    category = serializers.CharField()
    category_name = serializers.CharField()
    description = serializers.CharField()
    project = serializers.CharField()


class ClusterChainSerializer(serializers.Serializer):
    members = ChainMemberSerializer(many=True, source="nodes")
    links = ChainLinkSerializer(many=True, source="edges")
    gaps = ChainGapSerializer(many=True)
