"""The marketplace API. Every object is looked up through the selectors against the caller:
what they may not see (another organization's unpublished listing, an inquiry of others) is
a 404; what they may see but not change (another organization's listing) is a 404 too."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.filters import id_or_none
from innocluster.features.exchange import selectors as exchange

from .. import selectors as sel
from .. import services
from ..filters import ListingFilterSet
from ..models import Inquiry, Listing
from . import serializers as s


def _listing(user, pk):
    return s.MarketplaceListingDetailSerializer(sel.listing_get_visible(user=user, pk=pk)).data


@extend_schema_view(
    list=extend_schema(summary="The marketplace catalogue: published products, with filters"),
)
class ListingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.MarketplaceListingSerializer
    filterset_class = ListingFilterSet
    permission_classes = [AllowAny]
    queryset = Listing.objects.none()

    def get_queryset(self):
        return sel.listing_list_public()

    @extend_schema(
        summary="A product on the marketplace: published, or one the caller's organization lists",
        responses={200: s.MarketplaceListingDetailSerializer, **problem_responses(404)},
    )
    def retrieve(self, request, pk=None):
        return Response(_listing(request.user, pk))

    @extend_schema(
        summary="Put a product of the caller's organization on the marketplace (owner or editor)",
        request=s.MarketplaceListingCreateSerializer,
        responses={
            201: s.MarketplaceListingDetailSerializer,
            **problem_responses(400, 401, 404, 409),
        },
    )
    def create(self, request):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        data = validated(s.MarketplaceListingCreateSerializer, request.data)
        product = sel.product_get_to_list_or_listed(user=request.user, pk=data.pop("product").pk)
        listing = services.listing_create(product=product, actor=request.user, **data)
        return Response(_listing(request.user, listing.pk), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a listing (an owner or editor of its organization)",
        request=s.MarketplaceListingUpdateSerializer,
        responses={200: s.MarketplaceListingDetailSerializer, **problem_responses(400, 401, 404)},
    )
    def partial_update(self, request, pk=None):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        listing = sel.listing_get_operated(user=request.user, pk=pk)
        data = validated(s.MarketplaceListingUpdateSerializer, request.data)
        services.listing_update(listing=listing, actor=request.user, **data)
        return Response(_listing(request.user, pk))

    @extend_schema(
        summary="Add a photo (PNG, JPEG, WebP or GIF, checked by content)",
        request={"multipart/form-data": s.MarketplacePhotoInSerializer},
        responses={201: s.MarketplacePhotoSerializer, **problem_responses(400, 404)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def photos(self, request, pk=None):
        listing = sel.listing_get_operated(user=request.user, pk=pk)
        data = validated(s.MarketplacePhotoInSerializer, request.data)
        photo = services.photo_add(listing=listing, actor=request.user, **data)
        return Response(s.MarketplacePhotoSerializer(photo).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Add a certificate, with its document as a PDF (checked by content)",
        request={"multipart/form-data": s.MarketplaceCertificateInSerializer},
        responses={201: s.MarketplaceCertificateSerializer, **problem_responses(400, 404)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def certificates(self, request, pk=None):
        listing = sel.listing_get_operated(user=request.user, pk=pk)
        data = validated(s.MarketplaceCertificateInSerializer, request.data)
        certificate = services.certificate_add(listing=listing, actor=request.user, **data)
        return Response(
            s.MarketplaceCertificateSerializer(certificate).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(summary="The inquiries of the caller's organizations, sent or received"),
    retrieve=extend_schema(
        summary="An inquiry of the caller's organization",
        responses={200: s.MarketplaceInquirySerializer, **problem_responses(404)},
    ),
)
class InquiryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.MarketplaceInquirySerializer
    permission_classes = [IsAuthenticated]
    queryset = Inquiry.objects.none()

    def get_queryset(self):
        return sel.inquiry_list(user=self.request.user)

    def get_object(self):
        return sel.inquiry_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Send an inquiry about a published product (an owner or editor of the buyer)",
        request=s.MarketplaceInquiryCreateSerializer,
        responses={201: s.MarketplaceInquirySerializer, **problem_responses(400, 404)},
    )
    def create(self, request):
        data = validated(s.MarketplaceInquiryCreateSerializer, request.data)
        listing = sel.listing_get_visible(user=request.user, pk=data.pop("listing").pk)
        inquiry = services.inquiry_send(listing=listing, actor=request.user, **data)
        inquiry = sel.inquiry_get(user=request.user, pk=inquiry.pk)
        return Response(
            s.MarketplaceInquirySerializer(inquiry).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        methods=["get"],
        summary="The inquiry's messages, oldest first",
        responses={200: s.MarketplaceMessageSerializer(many=True), **problem_responses(404)},
    )
    @extend_schema(
        methods=["post"],
        summary="Write in the inquiry (an owner or editor of either side)",
        request=s.MarketplaceMessageInSerializer,
        responses={201: s.MarketplaceMessageSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def messages(self, request, pk=None):
        inquiry = self.get_object()
        if request.method == "GET":
            rows = sel.messages_of(inquiry=inquiry)
            return Response(s.MarketplaceMessageSerializer(rows, many=True).data)
        data = validated(s.MarketplaceMessageInSerializer, request.data)
        message = services.message_post(inquiry=inquiry, actor=request.user, text=data["text"])
        return Response(
            s.MarketplaceMessageSerializer(message).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Close the inquiry (either side)",
        request=None,
        responses={200: s.MarketplaceInquirySerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        services.inquiry_close(inquiry=self.get_object(), actor=request.user)
        return Response(s.MarketplaceInquirySerializer(self.get_object()).data)

    @extend_schema(
        summary="Turn the inquiry into a production order to the vendor alone, in one step "
        "(the buyer): the exchange's order is created and published",
        request=s.MarketplaceOrderInSerializer,
        responses={201: s.MarketplaceOrderOutSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def order(self, request, pk=None):
        inquiry = self.get_object()
        data = validated(s.MarketplaceOrderInSerializer, request.data)
        category = exchange.categories().filter(pk=id_or_none(data.pop("category"))).first()
        unit = exchange.units().filter(code=data.pop("unit")).first()
        if category is None:
            raise ValidationError(
                {"category": ValidationError(_("Unknown category."), code="does_not_exist")}
            )
        if unit is None:
            raise ValidationError(
                {"unit": ValidationError(_("Unknown unit."), code="does_not_exist")}
            )
        order = services.inquiry_order(
            inquiry=inquiry, actor=request.user, category=category, unit=unit, **data
        )
        payload = {"order": order.pk, "inquiry": self.get_object()}
        return Response(
            s.MarketplaceOrderOutSerializer(payload).data, status=status.HTTP_201_CREATED
        )
