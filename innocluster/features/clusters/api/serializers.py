"""Shapes of the clusters API. Checks of shape only: the rules live in the services."""

from django.urls import reverse
from rest_framework import serializers

from innocluster.core.fields import TermSlugField
from innocluster.platform.organizations.models import Industry, Technology

from ..models import Cluster, ClusterInvitation, ClusterJoinRequest, ClusterMember
from ..models.clusters import DESCRIPTION_MAX_LENGTH, REASON_MAX_LENGTH

MAX_TERMS = 50


def _slugs(model):
    return TermSlugField(
        many=True,
        slug_field="slug",
        queryset=model.objects.all(),
        required=False,
        max_length=MAX_TERMS,
    )


class ClusterOrganizationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class ClusterSerializer(serializers.ModelSerializer):
    lead_organization = ClusterOrganizationRefSerializer(read_only=True)
    industries = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    technologies = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    member_count = serializers.IntegerField(read_only=True)
    counting_member_count = serializers.IntegerField(
        read_only=True,
        source="counting_count",
        help_text="Members holding active participant status: what decree 435-PP counts.",
    )
    logo_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Cluster
        fields = [
            "id",
            "name",
            "aims",
            "description_ru",
            "description_en",
            "industries",
            "technologies",
            "lead_organization",
            "is_public",
            "status",
            "register_number",
            "below_minimum_since",
            "member_count",
            "counting_member_count",
            "logo_url",
            "url",
            "created_at",
        ]
        read_only_fields = fields

    def get_logo_url(self, cluster) -> str | None:
        return reverse("clusters:logo", args=[cluster.pk]) if cluster.logo else None

    def get_url(self, cluster) -> str:
        return reverse("clusters:detail", args=[cluster.pk])


class ClusterWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    aims = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH)
    description_ru = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH)
    description_en = serializers.CharField(
        max_length=DESCRIPTION_MAX_LENGTH, required=False, allow_blank=True
    )
    industries = _slugs(Industry)
    technologies = _slugs(Technology)
    lead_organization = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    is_public = serializers.BooleanField(required=False)
    logo = serializers.ImageField(required=False, help_text="PNG, JPEG, WebP or GIF, up to 2 MB.")


class ClusterCreateSerializer(ClusterWriteSerializer):
    organization = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text="The founding organization: one you act for, with active participant status.",
    )


class ClusterMemberSerializer(serializers.ModelSerializer):
    organization = ClusterOrganizationRefSerializer(read_only=True)

    class Meta:
        model = ClusterMember
        fields = ["id", "organization", "is_admin", "joined_at"]
        read_only_fields = fields


class ClusterAdminRightsSerializer(serializers.Serializer):
    is_admin = serializers.BooleanField()


class ClusterReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH)


class ClusterInvitationSerializer(serializers.ModelSerializer):
    organization = ClusterOrganizationRefSerializer(read_only=True)

    class Meta:
        model = ClusterInvitation
        fields = ["id", "cluster", "organization", "message", "state", "created_at", "expires_at"]
        read_only_fields = fields


class ClusterInvitationCreateSerializer(serializers.Serializer):
    cluster = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    organization = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    message = serializers.CharField(max_length=REASON_MAX_LENGTH, required=False, allow_blank=True)


class ClusterJoinRequestSerializer(serializers.ModelSerializer):
    organization = ClusterOrganizationRefSerializer(read_only=True)

    class Meta:
        model = ClusterJoinRequest
        fields = [
            "id",
            "cluster",
            "organization",
            "reason",
            "state",
            "created_at",
            "answered_at",
            "decline_reason",
        ]
        read_only_fields = fields


class ClusterJoinRequestCreateSerializer(serializers.Serializer):
    cluster = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    organization = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH)
