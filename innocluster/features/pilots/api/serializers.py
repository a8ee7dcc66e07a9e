"""What the pilot testing API reads and writes. Every string has its maxLength."""

from rest_framework import serializers

from innocluster.core.fields import BoundedListField
from innocluster.core.regions import CODE_CHOICES

from ..choices import SiteCategory
from ..models import MAX_CAPACITY, PilotSite


class SiteOperatorSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class SitePersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True)


class SiteSerializer(serializers.ModelSerializer):
    organization = SiteOperatorSerializer(read_only=True)
    people = SitePersonSerializer(many=True, read_only=True)
    region = serializers.ChoiceField(choices=CODE_CHOICES, read_only=True)
    region_name = serializers.CharField(read_only=True)

    class Meta:
        model = PilotSite
        fields = [
            "id",
            "organization",
            "category",
            "name",
            "description",
            "region",
            "region_name",
            "address",
            "latitude",
            "longitude",
            "testable",
            "hours",
            "access",
            "insurance_required",
            "certificates_required",
            "capacity",
            "people",
            "is_published",
            "created_at",
        ]
        read_only_fields = fields


class SiteWriteSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=SiteCategory.choices)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    region = serializers.ChoiceField(choices=CODE_CHOICES, required=False)
    address = serializers.CharField(max_length=500)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-180, max_value=180
    )
    testable = serializers.CharField(max_length=5_000)
    hours = serializers.CharField(required=False, allow_blank=True, max_length=300)
    access = serializers.CharField(required=False, allow_blank=True, max_length=2_000)
    insurance_required = serializers.BooleanField(required=False)
    certificates_required = serializers.CharField(
        required=False, allow_blank=True, max_length=2_000
    )
    capacity = serializers.IntegerField(required=False, min_value=1, max_value=MAX_CAPACITY)
    is_published = serializers.BooleanField(required=False)
    people = BoundedListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        max_length=50,
        help_text="The ids of the people who answer for the site: members of its organization.",
    )


class SiteCreateSerializer(SiteWriteSerializer):
    organization = serializers.IntegerField(min_value=1)
