from rest_framework import serializers

from innocluster.core.fields import BoundedListField, BoundedManyRelatedField, TermSlugField
from innocluster.platform.organizations.models import Organization

from ..choices import MAX_INVITED, MAX_ITEMS, Access, Criteria, OfferStatus, Status
from ..models import Category, Item, Offer, OfferDocument, Order, OrderFile, Unit


class ExchangeUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "name_en", "symbol", "symbol_en"]
        read_only_fields = fields


class ExchangeCategorySerializer(serializers.ModelSerializer):
    units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Category
        fields = ["id", "code", "kind", "name", "name_en", "units"]
        read_only_fields = fields


class ExchangeItemSerializer(serializers.ModelSerializer):
    unit_code = serializers.CharField(source="unit.code", read_only=True)

    class Meta:
        model = Item
        fields = [
            "id",
            "name",
            "category",
            "quantity",
            "unit",
            "unit_code",
            "material",
            "tolerances",
        ]
        read_only_fields = fields


class ExchangeFileSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderFile
        fields = ["id", "name", "sha256", "confidential", "uploaded_at"]
        read_only_fields = fields


class ExchangeOrderSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="organization_id", read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    items = ExchangeItemSerializer(many=True, read_only=True)
    files = ExchangeFileSerializer(many=True, read_only=True)
    budget = serializers.SerializerMethodField()

    class Meta:
        model = Order
        fields = [
            "id", "organization", "title", "description", "delivery_place", "delivery_date",
            "budget", "budget_public", "access", "questions_until", "offers_until", "criteria",
            "weight_price", "weight_lead_time", "weight_rating", "status", "published_at",
            "opened_at", "decided_at", "cancel_reason", "items", "files",
        ]  # fmt: skip
        read_only_fields = fields

    def get_budget(self, order) -> str | None:
        """The budget when it is shown, or to the buyer's own people (the view says so)."""
        shown = order.budget_public or self.context.get("buyer", False)
        return None if order.budget is None or not shown else f"{order.budget:.2f}"


class ExchangeOrderListSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="organization_id", read_only=True)

    class Meta:
        model = Order
        fields = [
            "id",
            "organization",
            "title",
            "delivery_date",
            "access",
            "offers_until",
            "status",
            "published_at",
        ]
        read_only_fields = fields


class ExchangeItemInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3)
    # A slug field checks the text before any query (a NUL is a 500 on PostgreSQL otherwise).
    unit = TermSlugField(slug_field="code", queryset=Unit.objects.all(), help_text="OKEI code")
    material = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    tolerances = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class ExchangeOrderInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True
    )
    delivery_place = serializers.CharField(max_length=300)
    delivery_date = serializers.DateField()
    budget = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    budget_public = serializers.BooleanField(default=False)
    access = serializers.ChoiceField(choices=Access.choices, default=Access.OPEN)
    invited = BoundedManyRelatedField(
        child_relation=serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all()),
        max_length=MAX_INVITED, required=False,
    )  # fmt: skip
    questions_until = serializers.DateTimeField()
    offers_until = serializers.DateTimeField()
    criteria = serializers.ChoiceField(choices=Criteria.choices, default=Criteria.LOWEST_PRICE)
    weight_price = serializers.IntegerField(min_value=0, max_value=100, default=100)
    weight_lead_time = serializers.IntegerField(min_value=0, max_value=100, default=0)
    weight_rating = serializers.IntegerField(min_value=0, max_value=100, default=0)
    items = BoundedListField(child=ExchangeItemInSerializer(), max_length=MAX_ITEMS)


class ExchangeOrderCreateSerializer(ExchangeOrderInSerializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())


class ExchangeOrderUpdateSerializer(ExchangeOrderInSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class ExchangeUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    confidential = serializers.BooleanField(default=False)


class ExchangeReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ExchangeAwardInSerializer(ExchangeReasonSerializer):
    offer = serializers.IntegerField(min_value=1)


class ExchangeOfferLineInSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1)
    # No bounds here: a negative price is the service's refusal, with its own code.
    price = serializers.DecimalField(max_digits=14, decimal_places=2)
    vat_rate = serializers.DecimalField(max_digits=4, decimal_places=1)


class ExchangeOfferInSerializer(serializers.Serializer):
    order = serializers.IntegerField(min_value=1)
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    currency = serializers.CharField(max_length=3, default="RUB")
    lead_time_days = serializers.IntegerField(min_value=1, max_value=3650)
    comment = serializers.CharField(max_length=3000, required=False, default="", allow_blank=True)
    lines = BoundedListField(child=ExchangeOfferLineInSerializer(), max_length=MAX_ITEMS)


class ExchangeOfferLineSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    price = serializers.DecimalField(max_digits=14, decimal_places=2)
    vat_rate = serializers.DecimalField(max_digits=4, decimal_places=1)


class ExchangeOfferDocumentSerializer(serializers.ModelSerializer):
    """A document of an offer; `sha256` is of its bytes, part of the offer's hash."""

    class Meta:
        model = OfferDocument
        fields = ["id", "name", "sha256", "size", "uploaded_at"]
        read_only_fields = fields


class ExchangeOfferDocumentInSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A PDF or a picture (PNG, JPEG, WebP, GIF).")


class ExchangeOfferSerializer(serializers.ModelSerializer):
    order = serializers.IntegerField(source="order_id", read_only=True)
    organization = serializers.IntegerField(source="organization_id", read_only=True)
    status = serializers.ChoiceField(choices=OfferStatus.choices, read_only=True)
    lines = ExchangeOfferLineSerializer(many=True, read_only=True)
    documents = ExchangeOfferDocumentSerializer(many=True, read_only=True)
    nonce = serializers.SerializerMethodField(
        help_text="The secret the hash covers, null until the opening: then anyone recomputes "
        "`sha256` from the offer (services.offers.offer_content) and finds it on the ledger."
    )

    class Meta:
        model = Offer
        fields = [
            "id", "order", "organization", "status", "currency", "lead_time_days", "comment",
            "version", "sha256", "nonce", "submitted_at", "updated_at", "lines", "documents",
        ]  # fmt: skip
        read_only_fields = fields

    def get_nonce(self, offer) -> str | None:
        return None if offer.order.is_sealed else offer.nonce


class ExchangeComparisonRowSerializer(serializers.Serializer):
    offer = serializers.IntegerField(source="offer.pk")
    organization = serializers.IntegerField(source="offer.organization_id")
    total = serializers.DecimalField(max_digits=16, decimal_places=2)
    total_with_vat = serializers.DecimalField(max_digits=16, decimal_places=2)
    lead_time_days = serializers.IntegerField(source="offer.lead_time_days")
    score = serializers.FloatField()
    prices = serializers.DictField(child=serializers.DecimalField(max_digits=14, decimal_places=2))


class ExchangeNdaInSerializer(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())


class ExchangeNdaSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization_id")
    accepted_at = serializers.DateTimeField()


class ExchangeQuestionInSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000)


class ExchangeAnswerInSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=4000)


class ExchangeQuestionSerializer(serializers.Serializer):
    """A question as everybody sees it: never who asked."""

    id = serializers.IntegerField()
    text = serializers.CharField()
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)


class ExchangeMatchSerializer(serializers.Serializer):
    """A supplier that fits the order, and why (matching.py)."""

    organization = serializers.IntegerField(source="organization.pk")
    short_name = serializers.CharField(source="organization.short_name")
    score = serializers.FloatField()
    items = serializers.ListField(child=serializers.IntegerField())
    reasons = serializers.ListField(child=serializers.CharField())
    opted_in = serializers.BooleanField()
    may_answer = serializers.BooleanField()
    rating = serializers.FloatField(allow_null=True)


class ExchangeInterestSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    categories = serializers.ListField(child=serializers.IntegerField())


class ExchangeInterestInSerializer(serializers.Serializer):
    categories = BoundedManyRelatedField(
        child_relation=serializers.PrimaryKeyRelatedField(queryset=Category.objects.all()),
        max_length=100,
    )
