"""The pilot testing API. Views translate HTTP to selector and service calls and nothing more."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.viewsets import PublicReadViewSet
from innocluster.platform.organizations.selectors import organization_get_public

from .. import selectors, services
from ..filters import SiteFilterSet
from . import serializers as s


@extend_schema_view(
    list=extend_schema(summary="Pilot sites where companies test products, with filters"),
    retrieve=extend_schema(summary="Read a pilot site"),
)
class SiteViewSet(PublicReadViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Pilot sites: clinics, libraries, schools, depots… where companies test their products.
    Anybody reads the published ones; their organizations' owners and editors publish and
    change them."""

    serializer_class = s.SiteSerializer
    filterset_class = SiteFilterSet

    def get_queryset(self):
        return selectors.site_list_visible(user=self.request.user).prefetch_related("people")

    def get_object(self):
        return selectors.site_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Publish a pilot site (owners and editors of a city organization, technology "
        "park or large corporation)",
        request=s.SiteCreateSerializer,
        responses={201: s.SiteSerializer, **problem_responses(400, 404)},
    )
    def create(self, request):
        data = validated(s.SiteCreateSerializer, request.data)
        organization = organization_get_public(pk=data.pop("organization"))
        site = services.site_create(organization=organization, actor=request.user, **data)
        return Response(self._read(site), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a pilot site (its organization's owners and editors)",
        request=s.SiteWriteSerializer,
        responses={200: s.SiteSerializer, **problem_responses(400, 404)},
    )
    def partial_update(self, request, pk=None):
        site = selectors.site_get_operated(user=request.user, pk=pk)
        data = validated(s.SiteWriteSerializer, request.data, partial=True)
        site = services.site_update(site=site, actor=request.user, **data)
        return Response(self._read(site))

    def _read(self, site):
        fresh = selectors.site_get_visible(user=self.request.user, pk=site.pk)
        return s.SiteSerializer(fresh).data
