"""The exchange API. Every object is looked up through the selectors against the caller: what
they may not see is a 404 (an offer before the opening, to the buyer and the fund too)."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import document_added, problem_responses, validated
from innocluster.core.files import serve_file
from innocluster.core.filters import id_or_none

from .. import selectors as sel
from .. import services
from ..comparison import comparison
from ..filters import OrderFilterSet
from ..matching import match_order
from ..models import Category, Offer, Order, Unit
from . import serializers as s


def _order_data(order, user):
    buyer = sel.is_buyer_person(user=user, order=order)
    return s.ExchangeOrderSerializer(order, context={"buyer": buyer}).data


class ExchangeCategoryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The managed list of production processes and materials, with their units."""

    serializer_class = s.ExchangeCategorySerializer
    permission_classes = [AllowAny]
    pagination_class = None
    queryset = Category.objects.none()

    def get_queryset(self):
        return sel.categories()


class ExchangeUnitViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The OKEI units of measurement the exchange uses."""

    serializer_class = s.ExchangeUnitSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    queryset = Unit.objects.none()

    def get_queryset(self):
        return sel.units()


class OrderViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ExchangeOrderListSerializer
    filterset_class = OrderFilterSet
    permission_classes = [AllowAny]
    queryset = Order.objects.none()

    def get_queryset(self):
        return sel.order_list_public()

    @extend_schema(
        summary="An order: published, or a draft of the caller's organization",
        responses={200: s.ExchangeOrderSerializer, **problem_responses(404)},
    )
    def retrieve(self, request, pk=None):
        return Response(_order_data(sel.order_get_visible(user=request.user, pk=pk), request.user))

    @extend_schema(
        summary="Create a draft order (an owner or editor of the buyer)",
        request=s.ExchangeOrderCreateSerializer,
        responses={201: s.ExchangeOrderSerializer, **problem_responses(400, 401)},
    )
    def create(self, request):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        data = validated(s.ExchangeOrderCreateSerializer, request.data)
        order = services.order_create(actor=request.user, **data)
        order = sel.order_get_own(user=request.user, pk=order.pk)
        return Response(_order_data(order, request.user), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a draft (the buyer)",
        request=s.ExchangeOrderUpdateSerializer,
        responses={200: s.ExchangeOrderSerializer, **problem_responses(400, 404, 409)},
    )
    def partial_update(self, request, pk=None):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        order = sel.order_get_own(user=request.user, pk=pk)
        data = validated(s.ExchangeOrderUpdateSerializer, request.data)
        services.order_update(order=order, actor=request.user, **data)
        return Response(_order_data(sel.order_get_own(user=request.user, pk=pk), request.user))

    @extend_schema(
        summary="Publish a draft (the buyer)",
        request=None,
        responses={200: s.ExchangeOrderSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def publish(self, request, pk=None):
        order = services.order_publish(
            order=sel.order_get_own(user=request.user, pk=pk), actor=request.user
        )
        return Response(
            _order_data(sel.order_get_own(user=request.user, pk=order.pk), request.user)
        )

    @extend_schema(
        summary="Attach a drawing or specification (the buyer, until the deadline)",
        request={"multipart/form-data": s.ExchangeUploadSerializer},
        responses={201: s.ExchangeFileSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def files(self, request, pk=None):
        order = sel.order_get_own(user=request.user, pk=pk)
        return document_added(
            request, s.ExchangeUploadSerializer, services.order_file_add, s.ExchangeFileSerializer,
            order=order,
        )  # fmt: skip

    @extend_schema(
        summary="The offers the caller may read: its own; all of them to the buyer and the "
        "fund once opened",
        responses={200: s.ExchangeOfferSerializer(many=True), **problem_responses(404)},
    )
    @action(
        detail=True, methods=["get"], permission_classes=[IsAuthenticated], pagination_class=None
    )
    def offers(self, request, pk=None):
        order = sel.order_get_visible(user=request.user, pk=pk)
        if order.is_sealed and sel.is_buyer_person(user=request.user, order=order):
            raise Http404  # sealed: not even how many there are
        offers = sel.offer_list_visible(user=request.user, order=order)
        return Response(s.ExchangeOfferSerializer(offers, many=True).data)

    @extend_schema(
        summary="The comparison of the opened offers, best first (the buyer and the fund)",
        responses={200: s.ExchangeComparisonRowSerializer(many=True), **problem_responses(404)},
    )
    @action(
        detail=True, methods=["get"], permission_classes=[IsAuthenticated], pagination_class=None
    )
    def comparison(self, request, pk=None):
        order = sel.order_get_visible(user=request.user, pk=pk)
        rows = comparison(order, sel.comparable_offers(user=request.user, order=order))
        return Response(s.ExchangeComparisonRowSerializer(rows, many=True).data)

    @extend_schema(
        summary="Award the order to an offer with a reason (the buyer, once)",
        request=s.ExchangeAwardInSerializer,
        responses={200: s.ExchangeOrderSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def award(self, request, pk=None):
        order = sel.order_get_own(user=request.user, pk=pk)
        data = validated(s.ExchangeAwardInSerializer, request.data)
        services.order_award(
            order=order, offer_id=data["offer"], actor=request.user, reason=data["reason"]
        )
        return Response(_order_data(sel.order_get_own(user=request.user, pk=pk), request.user))

    @extend_schema(
        summary="Cancel the order with a reason (the buyer)",
        request=s.ExchangeReasonSerializer,
        responses={200: s.ExchangeOrderSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def cancel(self, request, pk=None):
        order = sel.order_get_own(user=request.user, pk=pk)
        data = validated(s.ExchangeReasonSerializer, request.data)
        services.order_cancel(order=order, actor=request.user, reason=data["reason"])
        return Response(_order_data(sel.order_get_own(user=request.user, pk=pk), request.user))

    @extend_schema(
        summary="Accept the order's non-disclosure terms for a supplier",
        request=s.ExchangeNdaInSerializer,
        responses={200: s.ExchangeNdaSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def nda(self, request, pk=None):
        order = sel.order_get_visible(user=request.user, pk=pk)
        data = validated(s.ExchangeNdaInSerializer, request.data)
        nda = services.nda_accept(order=order, actor=request.user, **data)
        return Response(s.ExchangeNdaSerializer(nda).data)

    @extend_schema(
        summary="Download a file (a confidential one only after the NDA); logged",
        parameters=[OpenApiParameter("file_id", int, OpenApiParameter.PATH)],
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            **problem_responses(404),
        },
    )
    @action(
        detail=True, methods=["get"], url_path=r"files/(?P<file_id>\d+)",
        permission_classes=[AllowAny],
    )  # fmt: skip
    def download(self, request, pk=None, file_id=None):
        order = sel.order_get_visible(user=request.user, pk=pk)
        found = sel.file_get_for_download(user=request.user, order=order, pk=file_id)
        if request.user.is_authenticated:  # an anonymous reader gets open files only
            services.download_record(file=found, user=request.user)
        return serve_file(found.file, public=False, download_name=found.name)

    @extend_schema(
        summary="The answered questions (without who asked), or ask one (a supplier)",
        request=s.ExchangeQuestionInSerializer,
        responses={
            200: s.ExchangeQuestionSerializer(many=True),
            201: s.ExchangeQuestionSerializer,
            **problem_responses(400, 404, 409),
        },
    )
    @action(
        detail=True, methods=["get", "post"], permission_classes=[AllowAny], pagination_class=None
    )
    def questions(self, request, pk=None):
        order = sel.order_get_visible(user=request.user, pk=pk)
        if request.method == "GET":
            return Response(
                s.ExchangeQuestionSerializer(sel.questions_public(order=order), many=True).data
            )
        if not request.user.is_authenticated:
            self.permission_denied(request)
        data = validated(s.ExchangeQuestionInSerializer, request.data)
        question = services.question_ask(order=order, actor=request.user, text=data["text"])
        return Response(s.ExchangeQuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Answer a question (the buyer); shown to everybody, without the asker",
        parameters=[OpenApiParameter("question_id", int, OpenApiParameter.PATH)],
        request=s.ExchangeAnswerInSerializer,
        responses={200: s.ExchangeQuestionSerializer, **problem_responses(400, 404)},
    )
    @action(
        detail=True, methods=["post"], url_path=r"questions/(?P<question_id>\d+)/answer",
        permission_classes=[IsAuthenticated],
    )  # fmt: skip
    def answer(self, request, pk=None, question_id=None):
        order = sel.order_get_own(user=request.user, pk=pk)
        question = order.questions.filter(pk=question_id).first()
        if question is None:
            raise Http404
        data = validated(s.ExchangeAnswerInSerializer, request.data)
        question = services.question_answer(question=question, actor=request.user, **data)
        return Response(s.ExchangeQuestionSerializer(question).data)

    @extend_schema(
        summary="The suppliers that fit the order, best first, with why (the buyer)",
        responses={200: s.ExchangeMatchSerializer(many=True), **problem_responses(404)},
    )
    @action(
        detail=True, methods=["get"], permission_classes=[IsAuthenticated], pagination_class=None
    )
    def matches(self, request, pk=None):
        order = sel.order_get_own(user=request.user, pk=pk)
        return Response(s.ExchangeMatchSerializer(match_order(order), many=True).data)


class ExchangeInterestViewSet(viewsets.GenericViewSet):
    """What orders a supplier wants to hear of: the categories of production processes and
    materials; its people are told when an order with one of them is published. By the
    organization's id; an owner or editor of it (else 404)."""

    serializer_class = s.ExchangeInterestSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = None
    queryset = Order.objects.none()

    def _data(self, organization):
        categories = sel.interest_categories(organization=organization)
        return {"organization": organization.pk, "categories": categories}

    @extend_schema(
        summary="The caller's organizations and the orders each hears of",
        responses={200: s.ExchangeInterestSerializer(many=True)},
    )
    def list(self, request):
        organizations = sel.acting_organizations(user=request.user)
        return Response([self._data(o) for o in organizations])

    @extend_schema(
        summary="The orders an organization hears of",
        responses={200: s.ExchangeInterestSerializer, **problem_responses(404)},
    )
    def retrieve(self, request, pk=None):
        return Response(self._data(sel.interest_organization(user=request.user, pk=pk)))

    @extend_schema(
        summary="Set the orders an organization hears of (an owner or editor)",
        request=s.ExchangeInterestInSerializer,
        responses={200: s.ExchangeInterestSerializer, **problem_responses(400, 404)},
    )
    def update(self, request, pk=None):
        organization = sel.interest_organization(user=request.user, pk=pk)
        data = validated(s.ExchangeInterestInSerializer, request.data)
        services.interest_set(
            organization=organization, actor=request.user, categories=data["categories"]
        )
        return Response(self._data(organization))


class OfferViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ExchangeOfferSerializer
    permission_classes = [IsAuthenticated]
    queryset = Offer.objects.none()

    def get_object(self):
        return sel.offer_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Submit a sealed offer, or change the supplier's one, until the deadline",
        request=s.ExchangeOfferInSerializer,
        responses={201: s.ExchangeOfferSerializer, **problem_responses(400, 404, 409)},
    )
    def create(self, request):
        data = validated(s.ExchangeOfferInSerializer, request.data)
        order = sel.order_get_visible(user=request.user, pk=data.pop("order"))
        offer = services.offer_submit(order=order, actor=request.user, **data)
        offer = sel.offer_get_own(user=request.user, pk=offer.pk)
        return Response(s.ExchangeOfferSerializer(offer).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Withdraw the supplier's offer until the deadline",
        request=None,
        responses={200: s.ExchangeOfferSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        offer = sel.offer_get_own(user=request.user, pk=pk)
        services.offer_withdraw(offer=offer, actor=request.user)
        return Response(s.ExchangeOfferSerializer(sel.offer_get_own(user=request.user, pk=pk)).data)

    @extend_schema(
        summary="Add a document (a PDF or a picture) to the supplier's offer until the "
        "deadline: a new version, its hash on the ledger",
        request={"multipart/form-data": s.ExchangeOfferDocumentInSerializer},
        responses={201: s.ExchangeOfferDocumentSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="documents")
    def documents(self, request, pk=None):
        offer = sel.offer_get_own(user=request.user, pk=pk)
        return document_added(
            request, s.ExchangeOfferDocumentInSerializer, services.offer_document_add,
            s.ExchangeOfferDocumentSerializer, offer=offer,
        )  # fmt: skip

    @extend_schema(
        summary="Download a document of an offer the caller may read (sealed like the offer: "
        "404 to the buyer and the fund before the opening)",
        parameters=[OpenApiParameter("document_id", int, OpenApiParameter.PATH)],
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            **problem_responses(404),
        },
    )
    @action(detail=True, methods=["get"], url_path=r"documents/(?P<document_id>\d+)")
    def document(self, request, pk=None, document_id=None):
        found = sel.offer_document_get(user=request.user, pk=pk, document_pk=document_id)
        return serve_file(found.file, public=False, download_name=found.name)

    @extend_schema(
        summary="Take a document out of the supplier's offer until the deadline: a new "
        "version, its hash on the ledger",
        parameters=[OpenApiParameter("document_id", int, OpenApiParameter.PATH)],
        request=None,
        responses={200: s.ExchangeOfferSerializer, **problem_responses(404, 409)},
    )
    @document.mapping.delete
    def document_delete(self, request, pk=None, document_id=None):
        offer = sel.offer_get_own(user=request.user, pk=pk)
        found = offer.documents.filter(pk=id_or_none(document_id)).first()
        if found is None:
            raise Http404
        services.offer_document_delete(document=found, actor=request.user)
        return Response(s.ExchangeOfferSerializer(sel.offer_get_own(user=request.user, pk=pk)).data)
