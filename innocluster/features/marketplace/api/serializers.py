from django.urls import reverse
from rest_framework import serializers

from innocluster.core.fields import BoundedListField
from innocluster.core.regions import CODE_CHOICES
from innocluster.platform.organizations.models import Organization, Product

from .. import selectors
from ..choices import MAX_REGIONS, TEXT_MAX_LENGTH, InquiryStatus, Vendor
from ..models import Certificate, Inquiry, Listing, Message, Photo


class MarketplacePhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Photo
        fields = ["id", "caption", "position", "url"]
        read_only_fields = fields

    def get_url(self, photo) -> str:
        return reverse("marketplace:photo", args=[photo.listing_id, photo.pk])


class MarketplaceCertificateSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = ["id", "title", "number", "issued_by", "issued_on", "valid_until", "sha256", "url"]
        read_only_fields = fields

    def get_url(self, certificate) -> str | None:
        if not certificate.file:
            return None
        return reverse("marketplace:certificate", args=[certificate.listing_id, certificate.pk])


class MarketplaceListingSerializer(serializers.ModelSerializer):
    """A listing with what it shows of its product (the profile's own data)."""

    product = serializers.IntegerField(source="product_id", read_only=True)
    organization = serializers.IntegerField(source="product.organization_id", read_only=True)
    organization_name = serializers.CharField(
        source="product.organization.short_name", read_only=True
    )
    name = serializers.CharField(source="product.name", read_only=True)
    description = serializers.CharField(source="product.description", read_only=True)
    category = serializers.CharField(source="product.category", read_only=True)
    trl = serializers.IntegerField(source="product.trl", read_only=True)
    price = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True
    )
    on_request = serializers.BooleanField(read_only=True)
    vendor = serializers.SerializerMethodField()
    regions = serializers.SerializerMethodField()
    photos = MarketplacePhotoSerializer(many=True, read_only=True)

    class Meta:
        model = Listing
        fields = [
            "id", "product", "organization", "organization_name", "name", "description",
            "category", "trl", "price", "on_request", "price_unit", "vat_included", "terms",
            "delivers_everywhere", "regions", "is_published", "vendor", "photos", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_vendor(self, listing) -> str | None:
        """`verified` (active participant), `partner` (active partner) or null."""
        return selectors.vendor_mark(listing.product.organization) or None

    def get_regions(self, listing) -> list[str]:
        return [row.region for row in listing.regions.all()]


class MarketplaceListingDetailSerializer(MarketplaceListingSerializer):
    certificates = MarketplaceCertificateSerializer(many=True, read_only=True)

    class Meta(MarketplaceListingSerializer.Meta):
        fields = [*MarketplaceListingSerializer.Meta.fields, "certificates"]
        read_only_fields = fields


class MarketplaceListingInSerializer(serializers.Serializer):
    # No bound below zero here: the service refuses a negative price with its own code.
    price = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None,
        help_text="RUB; null: the price is given on request",
    )  # fmt: skip
    price_unit = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
    vat_included = serializers.BooleanField(default=True)
    terms = serializers.CharField(max_length=3000, required=False, default="", allow_blank=True)
    delivers_everywhere = serializers.BooleanField(default=False)
    regions = BoundedListField(
        child=serializers.ChoiceField(choices=CODE_CHOICES), max_length=MAX_REGIONS,
        required=False, default=list,
    )  # fmt: skip
    is_published = serializers.BooleanField(default=True)


class MarketplaceListingCreateSerializer(MarketplaceListingInSerializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())


class MarketplaceListingUpdateSerializer(MarketplaceListingInSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class MarketplacePhotoInSerializer(serializers.Serializer):
    image = serializers.FileField()
    caption = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class MarketplaceCertificateInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    number = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    issued_by = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)
    file = serializers.FileField(required=False, allow_null=True, default=None)


class MarketplaceMessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Message
        fields = ["id", "from_vendor", "text", "created_at"]
        read_only_fields = fields


class MarketplaceInquirySerializer(serializers.ModelSerializer):
    listing = serializers.IntegerField(source="listing_id", read_only=True)
    product_name = serializers.CharField(source="listing.product.name", read_only=True)
    buyer = serializers.IntegerField(source="buyer_id", read_only=True)
    vendor = serializers.IntegerField(source="vendor_id", read_only=True)
    status = serializers.ChoiceField(choices=InquiryStatus.choices, read_only=True)
    order = serializers.IntegerField(source="order_id", read_only=True, allow_null=True)

    class Meta:
        model = Inquiry
        fields = [
            "id", "listing", "product_name", "buyer", "vendor", "quantity", "status",
            "answered", "message_count", "created_at", "last_message_at", "order",
        ]  # fmt: skip
        read_only_fields = fields


class MarketplaceInquiryCreateSerializer(serializers.Serializer):
    listing = serializers.PrimaryKeyRelatedField(queryset=Listing.objects.all())
    buyer = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    quantity = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    text = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class MarketplaceMessageInSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class MarketplaceOrderInSerializer(serializers.Serializer):
    category = serializers.IntegerField(min_value=1, help_text="exchange/categories/ id")
    unit = serializers.CharField(max_length=3, help_text="OKEI code, exchange/units/")
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3)
    delivery_place = serializers.CharField(max_length=300)
    delivery_date = serializers.DateField()
    offers_until = serializers.DateTimeField(required=False, allow_null=True, default=None)


class MarketplaceOrderOutSerializer(serializers.Serializer):
    order = serializers.IntegerField(help_text="the exchange's order id")
    inquiry = MarketplaceInquirySerializer()


VENDOR_CHOICES = Vendor.choices
