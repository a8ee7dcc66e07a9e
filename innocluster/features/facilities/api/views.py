"""The facilities API. Views translate HTTP to selector and service calls and nothing more."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.calendar import moscow_date
from innocluster.core.viewsets import PublicListMixin, PublicReadViewSet
from innocluster.platform.organizations.selectors import organization_get_public

from .. import selectors, services
from ..availability import availability
from ..filters import (
    BookingFilterSet,
    FacilityFilterSet,
    ResourceFilterSet,
)
from ..models import Booking
from . import serializers as s


@extend_schema_view(
    list=extend_schema(summary="Facilities: technology parks, labs, coworkings… with filters"),
    retrieve=extend_schema(summary="Read a facility"),
)
class FacilityViewSet(PublicReadViewSet, PublicListMixin, mixins.RetrieveModelMixin):
    serializer_class = s.FacilitySerializer
    filterset_class = FacilityFilterSet

    def get_queryset(self):
        return selectors.facility_list_visible(user=self.request.user).prefetch_related(
            "hours", "photos"
        )

    def get_object(self):
        return selectors.facility_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Publish a facility (members with edit rights of its operator)",
        request=s.FacilityCreateSerializer,
        responses={201: s.FacilitySerializer, **problem_responses(400, 404)},
    )
    def create(self, request):
        data = validated(s.FacilityCreateSerializer, request.data)
        organization = organization_get_public(pk=data.pop("organization"))
        facility = services.facility_create(organization=organization, actor=request.user, **data)
        return Response(self._read(request, facility.pk), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a facility (its operators)",
        request=s.FacilityWriteSerializer,
        responses={200: s.FacilitySerializer, **problem_responses(400, 404)},
    )
    def partial_update(self, request, pk=None):
        facility = selectors.facility_get_operated(user=request.user, pk=pk)
        data = validated(s.FacilityWriteSerializer, request.data, partial=True)
        services.facility_update(facility=facility, actor=request.user, **data)
        return Response(self._read(request, pk))

    @extend_schema(
        summary="Add a photo (PNG, JPEG, WebP or GIF, checked by content; the operators)",
        request={"multipart/form-data": s.PhotoSerializer},
        responses={201: s.FacilitySerializer, **problem_responses(400, 404)},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def photos(self, request, pk=None):
        facility = selectors.facility_get_operated(user=request.user, pk=pk)
        data = validated(s.PhotoSerializer, request.data)
        services.facility_photo_add(facility=facility, actor=request.user, **data)
        return Response(self._read(request, pk), status=status.HTTP_201_CREATED)

    def _read(self, request, pk):
        return s.FacilitySerializer(selectors.facility_get_visible(user=request.user, pk=pk)).data


@extend_schema_view(
    list=extend_schema(summary="Bookable resources: rooms, desk pools, equipment"),
    retrieve=extend_schema(summary="Read a resource and its terms"),
)
class ResourceViewSet(PublicReadViewSet, PublicListMixin, mixins.RetrieveModelMixin):
    serializer_class = s.ResourceSerializer
    filterset_class = ResourceFilterSet

    def get_queryset(self):
        return selectors.resource_list_visible(user=self.request.user)

    def get_object(self):
        return selectors.resource_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Offer a resource for booking (the facility's operators)",
        request=s.ResourceCreateSerializer,
        responses={201: s.ResourceSerializer, **problem_responses(400, 404)},
    )
    def create(self, request):
        data = validated(s.ResourceCreateSerializer, request.data)
        facility = selectors.facility_get_operated(user=request.user, pk=data.pop("facility"))
        resource = services.resource_create(facility=facility, actor=request.user, **data)
        return Response(s.ResourceSerializer(resource).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a resource's terms (the facility's operators)",
        request=s.ResourceWriteSerializer,
        responses={200: s.ResourceSerializer, **problem_responses(400, 404)},
    )
    def partial_update(self, request, pk=None):
        resource = self._operated(pk)
        data = validated(s.ResourceWriteSerializer, request.data, partial=True)
        resource = services.resource_update(resource=resource, actor=request.user, **data)
        return Response(s.ResourceSerializer(resource).data)

    def _operated(self, pk):
        resource = selectors.resource_get_visible(user=self.request.user, pk=pk)
        selectors.facility_get_operated(user=self.request.user, pk=resource.facility_id)
        return resource

    # One schema per method: with the problem responses beside it, drf-spectacular no longer
    # tells the list from the 200 alone, so the GET's operation is named here.
    @extend_schema(
        methods=["GET"],
        operation_id="resources_blackouts_list",
        summary="Blackout periods of a resource",
        responses={200: s.BlackoutSerializer(many=True), **problem_responses(404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Blackout periods of a resource",
        request=s.BlackoutSerializer,
        responses={201: s.BlackoutSerializer, **problem_responses(400, 404)},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def blackouts(self, request, pk=None):
        if request.method == "GET":
            resource = self.get_object()
            return Response(
                s.BlackoutSerializer(selectors.blackout_list(resource=resource), many=True).data
            )
        resource = self._operated(pk)
        data = validated(s.BlackoutSerializer, request.data)
        blackout = services.blackout_create(
            facility=resource.facility,
            actor=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            reason=data["reason"],
            resource=None if data["whole_facility"] else resource,
        )
        return Response(s.BlackoutSerializer(blackout).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="My bookings, and those of the facilities I run"),
    retrieve=extend_schema(summary="Read a booking (its holder or the facility's operators)"),
)
class BookingViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = s.BookingSerializer
    filterset_class = BookingFilterSet
    permission_classes = [IsAuthenticated]
    queryset = Booking.objects.none()

    def get_permissions(self):
        return [AllowAny()] if self.action == "availability" else super().get_permissions()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.booking_list_visible(user=self.request.user)

    def get_object(self):
        return selectors.booking_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Book a slot, or the same slot for several weeks (all or none)",
        description="A slot taken is a 409 `slot_taken` naming it in `conflict` (`starts_at` "
        "and `ends_at`, Moscow time).",
        request=s.BookingCreateSerializer,
        responses={201: s.BookingSerializer(many=True), **problem_responses(400, 404, 409)},
    )
    def create(self, request):
        data = validated(s.BookingCreateSerializer, request.data)
        resource = selectors.resource_get_visible(user=request.user, pk=data.pop("resource"))
        bookings = services.booking_create(resource=resource, user=request.user, **data)
        return Response(
            s.BookingSerializer(bookings, many=True).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Cancel a booking (its holder by the rules, or an operator)",
        request=s.NoteSerializer,
        responses={200: s.BookingSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        note = validated(s.NoteSerializer, request.data)["note"]
        booking = services.booking_cancel(booking=self.get_object(), actor=request.user, note=note)
        return Response(s.BookingSerializer(booking).data)

    @extend_schema(
        summary="Approve a pending booking (the facility's operators)",
        request=s.NoteSerializer,
        responses={200: s.BookingSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, approve=True)

    @extend_schema(
        summary="Decline a pending booking (the facility's operators)",
        request=s.NoteSerializer,
        responses={200: s.BookingSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._decide(request, approve=False)

    def _decide(self, request, *, approve: bool):
        note = validated(s.NoteSerializer, request.data)["note"]
        booking = services.booking_decide(
            booking=self.get_object(), actor=request.user, approve=approve, note=note
        )
        return Response(s.BookingSerializer(booking).data)

    @extend_schema(
        summary="Availability of a resource: days of hourly slots (Moscow time)",
        parameters=[s.AvailabilityQuerySerializer],
        responses={200: s.AvailabilitySerializer, **problem_responses(400, 404)},
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def availability(self, request):
        query = validated(s.AvailabilityQuerySerializer, request.query_params)
        resource = selectors.resource_get_visible(user=request.user, pk=query["resource"])
        days = availability(
            resource=resource,
            first_day=query.get("date") or moscow_date(),
            days=query["days"],
            now=timezone.now(),
        )
        body = {"resource": resource.pk, "capacity": resource.capacity, "days": days}
        return Response(s.AvailabilitySerializer(body).data)


class ChildViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.child_queryset()
