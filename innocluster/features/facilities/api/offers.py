"""The capacity offers API: offers of idle capacity and the requests for them."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.fields import BoundedListField
from innocluster.core.regions import CODE_CHOICES
from innocluster.core.viewsets import PublicReadViewSet
from innocluster.platform.organizations.selectors import organization_get_public

from .. import selectors, services
from ..choices import Capability, OfferKind
from ..filters import CapacityOfferFilterSet
from ..models import CapacityOffer, CapacityRequest, Facility
from .serializers import BookerSerializer, OperatorRefSerializer
from .views import ChildViewSet


class OfferSerializer(serializers.ModelSerializer):
    organization = OperatorRefSerializer(read_only=True)
    capabilities = serializers.ListField(
        source="capability_codes", read_only=True, child=serializers.CharField()
    )
    region = serializers.ChoiceField(choices=CODE_CHOICES, read_only=True)
    region_name = serializers.CharField(read_only=True)

    class Meta:
        model = CapacityOffer
        fields = [
            "id",
            "organization",
            "facility",
            "kind",
            "title",
            "description",
            "capabilities",
            "region",
            "region_name",
            "address",
            "available_from",
            "available_until",
            "terms",
            "is_active",
            "created_at",
        ]
        read_only_fields = fields


class OfferWriteSerializer(serializers.Serializer):
    facility = serializers.PrimaryKeyRelatedField(
        queryset=Facility.objects.all(), required=False, allow_null=True
    )
    kind = serializers.ChoiceField(choices=OfferKind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    capabilities = BoundedListField(
        child=serializers.ChoiceField(choices=Capability.choices),
        required=False,
        max_length=len(Capability.choices),
    )
    region = serializers.ChoiceField(choices=CODE_CHOICES, required=False)
    address = serializers.CharField(max_length=500)
    available_from = serializers.DateField()
    available_until = serializers.DateField(required=False, allow_null=True)
    terms = serializers.CharField(max_length=5_000)
    is_active = serializers.BooleanField(required=False)


class OfferCreateSerializer(OfferWriteSerializer):
    organization = serializers.IntegerField()


class CapacityRequestSerializer(serializers.ModelSerializer):
    requester = BookerSerializer(read_only=True)

    class Meta:
        model = CapacityRequest
        fields = [
            "id",
            "offer",
            "requester",
            "message",
            "needed_from",
            "needed_until",
            "status",
            "response",
            "created_at",
            "decided_at",
        ]
        read_only_fields = [
            "id",
            "offer",
            "requester",
            "status",
            "response",
            "created_at",
            "decided_at",
        ]
        extra_kwargs = {"message": {"required": True, "allow_blank": False}}


class AnswerSerializer(serializers.Serializer):
    response = serializers.CharField(required=False, allow_blank=True, max_length=5_000, default="")


@extend_schema_view(
    list=extend_schema(summary="Offers of under-used equipment, space and production"),
    retrieve=extend_schema(summary="Read a capacity offer"),
)
class CapacityOfferViewSet(PublicReadViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = OfferSerializer
    filterset_class = CapacityOfferFilterSet

    def get_queryset(self):
        return selectors.offer_list_public()

    def get_object(self):
        return selectors.offer_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="List idle capacity (members with edit rights of the organization)",
        request=OfferCreateSerializer,
        responses={201: OfferSerializer, **problem_responses(400, 404)},
    )
    def create(self, request):
        data = validated(OfferCreateSerializer, request.data)
        organization = organization_get_public(pk=data.pop("organization"))
        offer = services.offer_create(organization=organization, actor=request.user, **data)
        return Response(OfferSerializer(offer).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an offer (its organization's members with edit rights)",
        request=OfferWriteSerializer,
        responses={200: OfferSerializer, **problem_responses(400, 404)},
    )
    def partial_update(self, request, pk=None):
        offer = self.get_object()
        data = validated(OfferWriteSerializer, request.data, partial=True)
        offer = services.offer_update(offer=offer, actor=request.user, **data)
        return Response(OfferSerializer(offer).data)


@extend_schema_view(
    list=extend_schema(summary="Requests for an offer: all for its owner, your own for others"),
)
class CapacityRequestViewSet(ChildViewSet):
    serializer_class = CapacityRequestSerializer
    queryset = CapacityRequest.objects.none()

    def offer(self):
        return selectors.offer_get_visible(user=self.request.user, pk=self.kwargs["offer_pk"])

    def child_queryset(self):
        return selectors.offer_requests(offer=self.offer(), user=self.request.user)

    def get_object(self):
        return selectors.capacity_request_get(
            offer=self.offer(), user=self.request.user, pk=self.kwargs["pk"]
        )

    @extend_schema(
        summary="Ask for an offer (any signed-in person)",
        responses={201: CapacityRequestSerializer, **problem_responses(400, 404, 409)},
    )
    def create(self, request, offer_pk=None):
        offer = self.offer()
        data = validated(CapacityRequestSerializer, request.data)
        created = services.capacity_request_create(offer=offer, requester=request.user, **data)
        return Response(CapacityRequestSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Accept a request (the offer's owner)",
        request=AnswerSerializer,
        responses={200: CapacityRequestSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, offer_pk=None, pk=None):
        return self._decide(request, accept=True)

    @extend_schema(
        summary="Decline a request (the offer's owner)",
        request=AnswerSerializer,
        responses={200: CapacityRequestSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, offer_pk=None, pk=None):
        return self._decide(request, accept=False)

    def _decide(self, request, *, accept: bool):
        answer = validated(AnswerSerializer, request.data)["response"]
        decided = services.capacity_request_decide(
            capacity_request=self.get_object(), actor=request.user, accept=accept, response=answer
        )
        return Response(CapacityRequestSerializer(decided).data)

    @extend_schema(
        summary="Withdraw your own pending request",
        request=None,
        responses={200: CapacityRequestSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, offer_pk=None, pk=None):
        withdrawn = services.capacity_request_withdraw(
            capacity_request=self.get_object(), actor=request.user
        )
        return Response(CapacityRequestSerializer(withdrawn).data)
