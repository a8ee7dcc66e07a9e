"""The API of what follows the award (the contract, the delivery, the ratings) and of open
contracting (OCDS 1.1). Every order is looked up through the selectors against the caller:
a third party is told there is no such order (404)."""

from django.http import Http404, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated

from .. import ocds, services
from .. import selectors as sel
from ..models import Order, Rating
from . import serializers_after as s


class OrderAfterAwardViewSet(viewsets.GenericViewSet):
    """The contract, the delivery and the ratings of an awarded order: its two sides act; the
    people of either side and fund staff read."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.ExchangeContractSerializer
    pagination_class = None
    queryset = Order.objects.none()

    @extend_schema(
        summary="The order's contract (either side, the fund), or record it (the buyer, once)",
        request=s.ExchangeContractInSerializer,
        responses={
            200: s.ExchangeContractSerializer,
            201: s.ExchangeContractSerializer,
            **problem_responses(400, 404, 409),
        },
    )
    @action(detail=True, methods=["get", "post"])
    def contract(self, request, pk=None):
        if request.method == "GET":
            order = sel.order_get_visible(user=request.user, pk=pk)
            contract = sel.contract_of(user=request.user, order=order)
            if contract is None:
                raise Http404
            return Response(s.ExchangeContractSerializer(contract).data)
        order = sel.order_get_own(user=request.user, pk=pk)  # the buyer's: at any stage
        data = validated(s.ExchangeContractInSerializer, request.data)
        contract = services.contract_record(order=order, actor=request.user, **data)
        return Response(s.ExchangeContractSerializer(contract).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Confirm the delivery (the buyer): the order is complete",
        request=s.ExchangeDeliveryInSerializer,
        responses={200: s.ExchangeContractSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def delivery(self, request, pk=None):
        order = sel.order_get_own(user=request.user, pk=pk)
        data = validated(s.ExchangeDeliveryInSerializer, request.data)
        contract = services.delivery_confirm(order=order, actor=request.user, **data)
        return Response(s.ExchangeContractSerializer(contract).data)

    @extend_schema(
        summary="The two sides' ratings (either side, the fund), or rate the other side "
        "(1 to 5, once, after the delivery)",
        request=s.ExchangeRatingInSerializer,
        responses={
            200: s.ExchangeRatingSerializer(many=True),
            201: s.ExchangeRatingSerializer,
            **problem_responses(400, 404, 409),
        },
    )
    @action(detail=True, methods=["get", "post"])
    def ratings(self, request, pk=None):
        if request.method == "GET":
            order = sel.order_get_visible(user=request.user, pk=pk)
            ratings = sel.ratings_of_order(user=request.user, order=order)
            return Response(s.ExchangeRatingSerializer(ratings, many=True).data)
        order = sel.order_get_party(user=request.user, pk=pk)
        data = validated(s.ExchangeRatingInSerializer, request.data)
        rating = services.rating_give(order=order, actor=request.user, **data)
        return Response(s.ExchangeRatingSerializer(rating).data, status=status.HTTP_201_CREATED)


class RatingSummaryViewSet(viewsets.GenericViewSet):
    """Organizations' ratings from completed orders: average and count."""

    permission_classes = [AllowAny]
    serializer_class = s.ExchangeRatingSummarySerializer
    pagination_class = None
    queryset = Rating.objects.none()

    @extend_schema(
        summary="The average rating and count of each organization given (never rated: absent)",
        parameters=[
            OpenApiParameter(
                "organization",
                int,
                many=True,
                required=True,
                description=f"at most {s.MAX_RATED_ORGANIZATIONS}",
            )  # fmt: skip
        ],
        responses={200: s.ExchangeRatingSummarySerializer(many=True), **problem_responses(400)},
    )
    def list(self, request):
        ids = validated(s.ExchangeRatingQuerySerializer, request.query_params)["organization"]
        ratings = sel.supplier_ratings(ids)
        rows = [
            {"organization": pk, "average": r.average, "count": r.count}
            for pk, r in sorted(ratings.items())
        ]
        return Response(s.ExchangeRatingSummarySerializer(rows, many=True).data)


class OcdsViewSet(viewsets.GenericViewSet):
    """Open contracting data (OCDS 1.1 with the bid extension) of every published order."""

    permission_classes = [AllowAny]
    pagination_class = None
    serializer_class = None
    queryset = Order.objects.none()

    @extend_schema(
        summary="Every published order as one OCDS 1.1 release package, streamed",
        operation_id="exchange_ocds_package",
        responses={(200, "application/json"): OpenApiTypes.OBJECT},
    )
    def list(self, request):
        uri = request.build_absolute_uri()
        response = StreamingHttpResponse(
            ocds.package_chunks(uri, ocds.releases()), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="exchange-ocds.json"'
        return response

    @extend_schema(
        summary="One published order as an OCDS 1.1 release package",
        operation_id="exchange_ocds_release",
        responses={(200, "application/json"): OpenApiTypes.OBJECT, **problem_responses(404)},
    )
    def retrieve(self, request, pk=None):
        order = sel.order_get_visible(user=request.user, pk=pk)
        found = list(ocds.releases(ocds.orders().filter(pk=order.pk)))
        if not found:  # a draft: its buyer sees it, but it is not published
            raise Http404
        return Response(ocds.package(request.build_absolute_uri(), found))
