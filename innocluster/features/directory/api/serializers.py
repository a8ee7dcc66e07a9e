from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from innocluster.core.fields import BoundedListField
from innocluster.core.regions import CODE_CHOICES

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
    matched_words = serializers.IntegerField(
        help_text="In a partial result (`partial`): how many of the query's words this "
        "organization matches; 0 otherwise."
    )
    highlight = serializers.SerializerMethodField()

    def get_industries(self, hit) -> list[str]:
        return [i.slug for i in hit.industries]

    def get_technologies(self, hit) -> list[str]:
        return [t.slug for t in hit.technologies]

    def get_url(self, hit) -> str:
        return reverse("organizations:detail", kwargs={"pk": hit.organization.pk})

    @extend_schema_field(HighlightSerializer)
    def get_highlight(self, hit) -> dict:
        products = hit.products
        return {"name": hit.name_html, "snippet": hit.snippet_html, "products": products}


def hit_data(hit, url: str | None = None) -> dict:
    """What SearchHitSerializer gives for `hit`, built directly: a search returns twenty hits
    and a few hundred facet values, and DRF's field machinery would cost more than the query.
    tests/directory/test_api.py checks both give the same. `url`: the organization's address
    when the caller already knows it (see hits_data)."""
    organization = hit.organization
    return {
        "id": organization.pk,
        "short_name": organization.short_name,
        "full_name": organization.full_name,
        "org_type": str(organization.org_type),
        "region": organization.region,
        "region_name": str(organization.region_name),
        "year_founded": organization.year_founded,
        "industries": [i.slug for i in hit.industries],
        "technologies": [t.slug for t in hit.technologies],
        "url": url or reverse("organizations:detail", kwargs={"pk": organization.pk}),
        "rank": None if hit.rank is None else float(hit.rank),
        "matched_words": hit.matched_words,
        "highlight": {
            "name": str(hit.name_html),
            "snippet": str(hit.snippet_html),
            "products": [{**p, "name_html": str(p["name_html"])} for p in hit.products],
        },
    }


def hits_data(hits) -> list[dict]:
    """hit_data of every hit, the addresses reversed once for the page, not once per hit."""
    marker = 987654321
    pattern = reverse("organizations:detail", kwargs={"pk": marker})
    return [hit_data(h, pattern.replace(str(marker), str(h.organization.pk))) for h in hits]


def facet_data(facet) -> dict:
    """What FacetSerializer gives for `facet`, built directly (see hit_data)."""
    return {
        "name": facet.name,
        "label": str(facet.label),
        "values": [
            {"value": v.value, "label": str(v.label), "count": v.count, "selected": v.selected}
            for v in facet.values
        ],
        "approximate": facet.approximate,
    }


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    values = FacetValueSerializer(many=True)
    approximate = serializers.BooleanField(
        help_text="True when these counts are estimates from a sample of the index (a search "
        "matching many organizations)."
    )


class FoundItemSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField(help_text="Its page.")
    meta = serializers.CharField(help_text="Kind, owner, region, as one line.")
    title_html = serializers.CharField(help_text="The title, HTML-escaped, matches in <mark>.")
    snippet_html = serializers.CharField(help_text="A piece of its description, the same way.")


class FoundSectionSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="`facilities`, `equipment`, `capacity_offers`.")
    label = serializers.CharField()
    count = serializers.IntegerField()
    results = FoundItemSerializer(many=True, help_text="The first few.")
    list_url = serializers.CharField(help_text="The page listing all of them.")


def section_data(section) -> dict:
    """What FoundSectionSerializer gives for a sources.Section, built directly (see hit_data)."""
    return {
        "source": section.source.code,
        "label": str(section.source.label),
        "count": section.count,
        "results": [
            {
                **item,
                "title_html": str(item["title_html"]),
                "snippet_html": str(item["snippet_html"]),
            }
            for item in section.items
        ],
        "list_url": section.list_url,
    }


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    count_approximate = serializers.BooleanField(
        help_text="True when `count` (and `num_pages`) is an estimate from a sample of the "
        "index, rounded to two significant digits (a search matching many organizations)."
    )
    partial = serializers.BooleanField(
        help_text="True when no organization matches every word of `q`: the results then "
        "match some of its words, those matching most first (each hit's `matched_words`)."
    )
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    sort = serializers.CharField()
    results = SearchHitSerializer(many=True)
    facets = FacetSerializer(many=True)
    also = FoundSectionSerializer(
        many=True,
        help_text="Facilities, equipment and capacity offers matching every word of `q` (and "
        "`region`), on the first page of a text search; empty otherwise.",
    )


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
    region = BoundedListField(
        child=serializers.CharField(), required=False, max_length=len(CODE_CHOICES)
    )


class SavedSearchSerializer(serializers.ModelSerializer):
    source = serializers.ChoiceField(
        choices=[],  # the registered sources (saved.py), read when the serializer is made
        default="organizations",
        help_text="What is searched: organizations (the directory) or vacancies (the job board).",
    )

    class Meta:
        model = SavedSearch
        fields = ["id", "source", "name", "query", "email", "created_at", "checked_at"]
        read_only_fields = ["id", "email", "created_at", "checked_at"]
        extra_kwargs = {
            # Required (the service needs one), though it may be empty: every organization.
            "query": {
                "help_text": "The search's query string, e.g. q=робот&region=77.",
                "required": True,
                "allow_blank": True,
            }
        }
        validators = []  # uniqueness and validity of the query are the service's rules

    def __init__(self, *args, **kwargs):
        from ..saved import saved_sources

        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(s.code, s.code) for s in saved_sources()]
