"""The search API. Views translate HTTP to selector and service calls and nothing more."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validation_problem
from innocluster.core.errors import codes_by_field, messages_by_field
from innocluster.core.httpcache import public_read
from innocluster.platform.organizations.models import Industry, Organization, Technology
from innocluster.platform.organizations.selectors import organization_list_for_member

from .. import partners, selectors, services
from ..filters import SearchFilterSet
from ..models import SavedSearch
from . import serializers as s


def _choices(name: str) -> list[str]:
    choices = SearchFilterSet.base_filters[name].extra["choices"]
    return [str(value) for value, _label in (choices() if callable(choices) else choices)]


SEARCH_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words, any forms; or an INN/OGRN"),
    *(
        OpenApiParameter(name, OpenApiTypes.STR, many=True, enum=_choices(name), explode=True)
        for name in ("org_type", "kind", "region", "status", "headcount", "trl")
    ),
    OpenApiParameter("industry", OpenApiTypes.STR, many=True, description="industry slugs"),
    OpenApiParameter("technology", OpenApiTypes.STR, many=True, description="technology slugs"),
    OpenApiParameter(
        "sort", OpenApiTypes.STR, enum=_choices("sort"), description="default: relevance"
    ),
]
PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="1 or more; past the end: no results"),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="1 to 100 (default 20)"),
]


def _bad_request(refusals: dict[str, list[ValidationError]], **extra) -> Response:
    """400 for invalid query parameters: their messages and codes by parameter."""
    error = ValidationError(refusals)
    return validation_problem(
        messages_by_field(error),
        codes_by_field(error),
        detail=_("Correct the parameters listed in errors."),
        **extra,
    )


def _allowed_values(name: str) -> list[str]:
    if name == "industry":
        return list(Industry.objects.values_list("slug", flat=True))
    if name == "technology":
        return list(Technology.objects.values_list("slug", flat=True))
    return _choices(name)


def _positive(value, default: int, high: int) -> int | None:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= high else None


class SearchView(GenericAPIView):
    """`GET /api/v1/search`: organizations by text and facets, with facet counts."""

    permission_classes = [AllowAny]
    filter_backends = []  # the selector filters; SEARCH_PARAMETERS documents it
    queryset = Organization.objects.none()
    pagination_class = None

    @extend_schema(
        operation_id="search",
        summary="Search organizations and their products: text, facets, facet counts",
        description="Russian and English word forms («роботов» finds «робототехника»), one "
        "typo in a name, highlights in `<mark>`. Several values of a facet mean any of them. "
        "A facet's counts leave out its own selection. Unknown facet values are 400 with "
        "`allowed_values`; punctuation in `q` is not syntax.",
        parameters=SEARCH_PARAMETERS + PAGE_PARAMETERS,
        responses={200: s.SearchResponseSerializer, **problem_responses(400)},
    )
    @public_read
    def get(self, request):
        page = _positive(request.query_params.get("page"), 1, 10**9)
        size = _positive(request.query_params.get("page_size"), selectors.PAGE_SIZE, 100)
        if page is None or size is None:
            errors = {}
            if page is None:
                errors["page"] = [ValidationError(_("A whole number, 1 or more."), code="invalid")]
            if size is None:
                message = _("A whole number from 1 to 100.")
                errors["page_size"] = [ValidationError(message, code="invalid")]
            return _bad_request(errors)
        result = selectors.organization_search(
            data=request.query_params, page=page, page_size=size, clamp=False
        )
        if not result.valid:
            errors = result.filterset.form.errors.as_data()
            allowed = {name: _allowed_values(name) for name in errors if name != "q"}
            return _bad_request(errors, allowed_values=allowed)
        body = {
            "count": result.count,
            "count_approximate": result.approximate,
            "partial": result.partial,
            "page": result.number,
            "page_size": result.page_size,
            "num_pages": result.num_pages,
            "sort": result.sort,
            "results": s.hits_data(result.hits),
            "facets": [s.facet_data(facet) for facet in result.facets],
            "also": [s.section_data(section) for section in selectors.sections_beside(result)],
        }
        return Response(body)


class SuggestView(GenericAPIView):
    permission_classes = [AllowAny]
    serializer_class = s.SuggestionsSerializer
    pagination_class = None

    @extend_schema(
        operation_id="search_suggest",
        summary="Autocomplete: up to 8 organization names and technologies",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="what is typed so far")],
        responses={200: s.SuggestionsSerializer},
    )
    def get(self, request):
        found = selectors.suggestions(query=request.query_params.get("q", ""))
        return Response(s.SuggestionsSerializer({"suggestions": found}).data)


class PartnersView(GenericAPIView):
    permission_classes = [AllowAny]
    serializer_class = s.PartnersSerializer
    pagination_class = None

    @extend_schema(
        operation_id="partners",
        summary="Find partners for one of my organizations or for a need, with reasons",
        parameters=[
            OpenApiParameter("organization", OpenApiTypes.INT, description="one of mine"),
            OpenApiParameter("need", OpenApiTypes.STR, description="what I need, free text"),
            OpenApiParameter("region", OpenApiTypes.STR, many=True, description="region codes"),
        ],
        responses={200: s.PartnersSerializer, **problem_responses(400, 404)},
    )
    def get(self, request):
        query = s.PartnerQuerySerializer(
            data={
                **{k: v for k, v in request.query_params.items() if k in ("organization", "need")},
                "region": request.query_params.getlist("region"),
            }
        )
        query.is_valid(raise_exception=True)
        data = query.validated_data
        organization = self._mine(request.user, data.get("organization"))
        need = (data.get("need") or "").strip()
        if organization is None and not need:
            message = _("Give one of your organizations or a need.")
            return _bad_request({"need": [ValidationError(message, code="required")]})
        unknown = [r for r in data.get("region", []) if r not in _allowed_values("region")]
        if unknown:
            message = _("Unknown region: %s.") % ", ".join(unknown)
            return _bad_request(
                {"region": [ValidationError(message, code="invalid_choice")]},
                allowed_values={"region": _allowed_values("region")},
            )
        found = partners.find_partners(
            organization=organization, need=need, regions=data.get("region", [])
        )
        return Response(s.PartnersSerializer({"results": found}).data)

    @staticmethod
    def _mine(user, pk):
        if pk is None:
            return None
        if not user.is_authenticated:
            raise Http404
        organization = organization_list_for_member(user=user).filter(pk=pk).first()
        if organization is None:
            raise Http404
        return organization


class SavedSearchViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """My saved searches: new organizations that match one are announced once a day."""

    serializer_class = s.SavedSearchSerializer
    permission_classes = [IsAuthenticated]

    queryset = SavedSearch.objects.none()  # for the schema; get_queryset is what serves

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return SavedSearch.objects.filter(user=self.request.user)

    @extend_schema(responses={201: s.SavedSearchSerializer, **problem_responses(400, 409)})
    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved = services.saved_search_create(user=request.user, **serializer.validated_data)
        return Response(self.get_serializer(saved).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None, **problem_responses(404)})
    def destroy(self, request, pk=None):
        services.saved_search_delete(saved_search=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
