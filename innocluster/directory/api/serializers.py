from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import SavedSearch


class ProductHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_html = serializers.CharField(help_text="The name, HTML-escaped, matches in <mark>.")
    trl = serializers.IntegerField()


class HighlightSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The short name, HTML-escaped, matches in <mark>.")
    snippet = serializers.CharField(help_text="A piece of the description around the match.")
    products = ProductHitSerializer(many=True)


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="organization.pk")
    short_name = serializers.CharField(source="organization.short_name")
    full_name = serializers.CharField(source="organization.full_name")
    org_type = serializers.CharField(source="organization.org_type")
    region = serializers.CharField(source="organization.region")
    region_name = serializers.CharField(source="organization.region_name")
    year_founded = serializers.IntegerField(source="organization.year_founded", allow_null=True)
    industries = serializers.SerializerMethodField()
    technologies = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    rank = serializers.FloatField(allow_null=True)
    highlight = serializers.SerializerMethodField()

    def get_industries(self, hit) -> list[str]:
        return [i.slug for i in hit.organization.industries.all()]

    def get_technologies(self, hit) -> list[str]:
        return [t.slug for t in hit.organization.technologies.all()]

    def get_url(self, hit) -> str:
        return reverse("organizations:detail", kwargs={"pk": hit.organization.pk})

    @extend_schema_field(HighlightSerializer)
    def get_highlight(self, hit) -> dict:
        products = hit.products
        return {"name": hit.name_html, "snippet": hit.snippet_html, "products": products}


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    values = FacetValueSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    sort = serializers.CharField()
    results = SearchHitSerializer(many=True)
    facets = FacetSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="`organization` or `technology`.")
    label = serializers.CharField()
    value = serializers.CharField(help_text="An organization's id or a technology's slug.")


class SuggestionsSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


class PartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="organization.pk")
    short_name = serializers.CharField(source="organization.short_name")
    org_type = serializers.CharField(source="organization.org_type")
    region = serializers.CharField(source="organization.region")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class PartnersSerializer(serializers.Serializer):
    results = PartnerSerializer(many=True)


class PartnerQuerySerializer(serializers.Serializer):
    organization = serializers.IntegerField(
        required=False, help_text="One of your organizations (you must be a member)."
    )
    need = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    region = serializers.ListField(child=serializers.CharField(), required=False)


class SavedSearchSerializer(serializers.ModelSerializer):
    class Meta:
        model = SavedSearch
        fields = ["id", "name", "query", "created_at", "checked_at"]
        read_only_fields = ["id", "created_at", "checked_at"]
        extra_kwargs = {
            "query": {"help_text": "The search's query string, e.g. q=робот&region=77."}
        }
        validators = []  # uniqueness and validity of the query are the service's rules
