from django import forms
from django.urls import reverse
from rest_framework import serializers

from innocluster.core.api import FieldsBuiltOnce
from innocluster.core.fields import TermSlugField
from innocluster.core.regions import CODE_CHOICES, region_name

from ..choices import MemberRole, OrganizationKind
from ..models import (
    Industry,
    Invitation,
    Membership,
    MembershipRequest,
    Organization,
    Product,
    Technology,
)
from ..services import PROFILE_FIELDS


class TermSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name_ru = serializers.CharField(read_only=True)
    name_en = serializers.CharField(read_only=True)


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True)


class WebsiteField(serializers.URLField):
    """A URL, or a bare domain («kaspersky.ru») given https://, as the form's field does: the
    same Django code adds the scheme."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = forms.URLField(assume_scheme="https").to_python(data)
        return super().to_internal_value(data)


# The most industries or technologies one organization names: more than any real one has,
# few enough that a list is checked at once.
MAX_TERMS = 50


def _slugs(model):
    return TermSlugField(
        many=True,
        slug_field="slug",
        queryset=model.objects.all(),
        required=False,
        max_length=MAX_TERMS,
    )


class OrganizationSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    """The public profile, as read by anyone."""

    region_name = serializers.CharField(read_only=True)
    industries = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    technologies = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    logo_url = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = [
            "id",
            "kind",
            "inn",
            "ogrn",
            "full_name",
            "short_name",
            "region",
            "region_name",
            "legal_address",
            "website",
            "description_ru",
            "description_en",
            "org_type",
            "industries",
            "technologies",
            "headcount",
            "year_founded",
            "logo_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_logo_url(self, organization) -> str | None:
        if not organization.logo:
            return None
        return reverse("organizations:logo", kwargs={"pk": organization.pk})


# The public list's rows as OrganizationSerializer writes them, read with values() (issue 18: a
# page of 20 spent most of its time making model instances and running the serializer's fields
# per object). The same JSON, key for key; tests compare the two.
ORGANIZATION_COLUMNS = [
    name
    for name in OrganizationSerializer.Meta.fields
    if name not in ("region_name", "industries", "technologies", "logo_url")
] + ["logo"]
_TIMESTAMP = serializers.DateTimeField()


def organization_rows(page) -> list[dict]:
    """The public profiles of `page`, a page of a values() queryset of ORGANIZATION_COLUMNS."""
    rows = list(page)
    terms = {
        "industries": _term_slugs(Organization.industries.through, "industry", rows),
        "technologies": _term_slugs(Organization.technologies.through, "technology", rows),
    }
    result = []
    for row in rows:
        pk = row["id"]
        for stamp in ("created_at", "updated_at"):
            row[stamp] = _TIMESTAMP.to_representation(row[stamp])
        row["region_name"] = region_name(row["region"])
        row["industries"] = terms["industries"].get(pk, [])
        row["technologies"] = terms["technologies"].get(pk, [])
        row["logo_url"] = (
            reverse("organizations:logo", kwargs={"pk": pk}) if row.pop("logo") else None
        )
        result.append({name: row[name] for name in OrganizationSerializer.Meta.fields})
    return result


def _term_slugs(through, term: str, rows) -> dict[int, list[str]]:
    """{organization id: its terms' slugs} in the terms' own order (as a prefetch reads them)."""
    slugs: dict[int, list[str]] = {}
    links = (
        through.objects.filter(organization_id__in=[row["id"] for row in rows])
        .order_by(f"{term}__name_ru", f"{term}_id")
        .values_list("organization_id", f"{term}__slug")
    )
    for organization_id, slug in links:
        slugs.setdefault(organization_id, []).append(slug)
    return slugs


class OrganizationWriteSerializer(serializers.Serializer):
    """Profile fields as a member may write them. Checks of shape only: rules are in services."""

    full_name = serializers.CharField(max_length=500)
    short_name = serializers.CharField(max_length=200)
    region = serializers.ChoiceField(choices=CODE_CHOICES)
    legal_address = serializers.CharField(max_length=500)
    website = WebsiteField(required=False, allow_blank=True, max_length=200)
    description_ru = serializers.CharField(required=False, allow_blank=True, max_length=5_000)
    description_en = serializers.CharField(required=False, allow_blank=True, max_length=5_000)
    org_type = serializers.ChoiceField(choices=Organization._meta.get_field("org_type").choices)
    industries = _slugs(Industry)
    technologies = _slugs(Technology)
    headcount = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    year_founded = serializers.IntegerField(
        required=False, allow_null=True, min_value=1700, max_value=2100
    )
    logo = serializers.FileField(required=False, allow_null=True)

    def validate(self, attrs):
        assert set(attrs) <= set(PROFILE_FIELDS)
        if attrs.get("logo", "") is None:
            attrs["logo"] = ""
        return attrs


class OrganizationCreateSerializer(OrganizationWriteSerializer):
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)
    # Left out or empty, the region is the one the INN was issued in.
    region = serializers.ChoiceField(choices=CODE_CHOICES, required=False, allow_blank=True)
    inn = serializers.CharField(max_length=20)
    ogrn = serializers.CharField(max_length=20)

    def validate(self, attrs):
        identifiers = {k: attrs.pop(k) for k in ("kind", "inn", "ogrn")}
        return {**super().validate(attrs), **identifiers}


class MemberSerializer(serializers.ModelSerializer):
    user = PersonSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "created_at"]
        read_only_fields = ["id", "user", "created_at"]


class RoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=MemberRole.choices)


class ProductSerializer(serializers.ModelSerializer):
    image_url = serializers.SerializerMethodField()
    image = serializers.FileField(write_only=True, required=False, allow_null=True)

    class Meta:
        model = Product
        fields = [
            "id",
            "organization",
            "name",
            "description",
            "category",
            "trl",
            "image",
            "image_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "organization", "image_url", "created_at", "updated_at"]

    def get_image_url(self, product) -> str | None:
        if not product.image:
            return None
        return reverse(
            "organizations:product_image",
            kwargs={"pk": product.organization_id, "product_pk": product.pk},
        )

    def validate(self, attrs):
        if attrs.get("image", "") is None:
            attrs["image"] = ""
        return attrs


class MembershipRequestSerializer(serializers.ModelSerializer):
    user = PersonSerializer(read_only=True)

    class Meta:
        model = MembershipRequest
        fields = ["id", "organization", "user", "message", "status", "created_at", "decided_at"]
        read_only_fields = ["id", "organization", "user", "status", "created_at", "decided_at"]


class DecisionSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=MemberRole.choices, required=False)


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitation
        fields = ["id", "organization", "email", "role", "status", "created_at", "expires_at"]
        read_only_fields = ["id", "organization", "status", "created_at", "expires_at"]


class InvitationAcceptSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=200)


class AuditEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    actor = PersonSerializer(allow_null=True)
    action = serializers.CharField()
    target_type = serializers.CharField()
    target_id = serializers.CharField()
    changes = serializers.JSONField()
