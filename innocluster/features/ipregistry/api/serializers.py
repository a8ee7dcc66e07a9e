import json

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail
from rest_framework.utils import html

from innocluster.core.fields import BoundedListField
from innocluster.platform.organizations.models import Organization

from .. import selectors
from ..choices import Consent, IPKind, IPState
from ..models import IPObject, Rightholder
from ..rules import MAX_NAME_LENGTH, MAX_RIGHTHOLDERS


class RightholderSerializer(serializers.ModelSerializer):
    share = serializers.DecimalField(max_digits=5, decimal_places=2, read_only=True)
    consent = serializers.ChoiceField(
        choices=Consent.choices,
        read_only=True,
        help_text="Asked of a rightholder that is another organization of the platform: "
        "`awaited` until an owner or editor of it confirms or declines; `not_asked` for the "
        "others.",
    )

    class Meta:
        model = Rightholder
        fields = ["name", "organization", "share", "consent", "consent_at", "decline_reason"]
        read_only_fields = fields


class OrganizationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    inn = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class IPObjectSerializer(serializers.ModelSerializer):
    """An entry of the public register."""

    organization = OrganizationRefSerializer(read_only=True)
    rightholders = RightholderSerializer(many=True, read_only=True)
    # Not "state": other apps' choice sets already go by that name in the schema.
    registration_state = serializers.ChoiceField(
        source="state",
        choices=IPState.choices,
        read_only=True,
        help_text="`pending` until every rightholder organization of the platform confirms; "
        "then `registered` (final, on the ledger), unless `declined` or `withdrawn` first.",
    )
    certificate_url = serializers.SerializerMethodField()

    class Meta:
        model = IPObject
        fields = [
            "id",
            "title",
            "kind",
            "description",
            "work_sha256",
            "organization",
            "rightholders",
            "registration_state",
            "created_at",
            "registered_at",
            "closed_at",
            "certificate_url",
        ]
        read_only_fields = fields

    def get_certificate_url(self, ip_object) -> str:
        return reverse("ipregistry:detail", kwargs={"pk": ip_object.pk})


class LedgerEntryRefSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    timestamp = serializers.DateTimeField()
    entry_url = serializers.CharField()
    proof_url = serializers.CharField()


class IPActionsSerializer(serializers.Serializer):
    answer_for = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="The rightholder organizations (ids) the caller may confirm or decline for.",
    )
    may_withdraw = serializers.BooleanField()


class IPObjectDetailSerializer(IPObjectSerializer):
    """The certificate: the register entry, its ledger entry and, for members, the kept file;
    for a registration that waits, what the caller may do with it."""

    ledger_entry = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField()
    my_actions = serializers.SerializerMethodField()

    class Meta(IPObjectSerializer.Meta):
        fields = [*IPObjectSerializer.Meta.fields, "ledger_entry", "file_url", "my_actions"]
        read_only_fields = fields

    @extend_schema_field(IPActionsSerializer)
    def get_my_actions(self, ip_object):
        actions = selectors.ip_actions_for(ip_object=ip_object, roles=self.context["roles"])
        return {
            "answer_for": [organization.pk for organization in actions["answer_for"]],
            "may_withdraw": actions["may_withdraw"],
        }

    @extend_schema_field(LedgerEntryRefSerializer(allow_null=True))
    def get_ledger_entry(self, ip_object):
        entry = self.context.get("ledger_entry")
        if entry is None:
            return None
        return {
            "index": entry.index,
            "timestamp": entry.timestamp,
            "entry_url": reverse("ledger_api:entry", kwargs={"index": entry.index}),
            "proof_url": reverse("ledger_api:entry-proof", kwargs={"index": entry.index}),
        }

    def get_file_url(self, ip_object) -> str | None:
        if not selectors.ip_file_visible(user=self.context["request"].user, ip_object=ip_object):
            return None
        return reverse("ipregistry_api:ip-object-file", kwargs={"pk": ip_object.pk})


class RightholderInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=MAX_NAME_LENGTH)
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        help_text="The id of the rightholder's organization, if it is on the platform.",
    )
    # Any exact number: the rules (more than 0, at most 100, two decimals, 100 in all)
    # are the service's, so the API and the pages give the same messages.
    share = serializers.DecimalField(max_digits=None, decimal_places=None, coerce_to_string=True)


class RightholdersField(BoundedListField):
    """A JSON array; in multipart/form-data, the same array as the text of one field."""

    child = RightholderInputSerializer()

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_RIGHTHOLDERS, **kwargs)

    def get_value(self, dictionary):
        if html.is_html_input(dictionary) and self.field_name in dictionary:
            text = dictionary.get(self.field_name)
            try:
                return json.loads(text)
            except ValueError:
                return text  # refused by to_internal_value as "not a list"
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as error:
            raise serializers.ValidationError(_flat(error.detail)) from None


def _flat(detail) -> list[ErrorDetail]:
    """{0: {"share": ["…"]}} as ["1: share: …"], so problem+json errors stay a list of text;
    each keeps its code."""
    if not isinstance(detail, dict):
        return list(detail)
    messages = []
    for index, fields in detail.items():
        for field, texts in fields.items() if isinstance(fields, dict) else [("", fields)]:
            for text in texts if isinstance(texts, list) else [texts]:
                flat = f"{index + 1}: {field}: {text}" if field else f"{index + 1}: {text}"
                messages.append(ErrorDetail(flat, code=getattr(text, "code", None)))
    return messages


class IPObjectCreateSerializer(serializers.Serializer):
    """Send `work_sha256`, or the work as `file` (multipart), or both (they must agree)."""

    organization = serializers.IntegerField(
        help_text="The registering organization; you must be its owner or editor."
    )
    title = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=IPKind.choices)
    description = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    rightholders = RightholdersField(
        help_text="1 to 20 rightholders whose shares add up to exactly 100.00. In "
        "multipart/form-data, send the JSON array as the text of this field."
    )
    work_sha256 = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="64 hexadecimal characters."
    )
    file = serializers.FileField(
        required=False, help_text="The work; hashed on the server, stored only if keep_file."
    )
    keep_file = serializers.BooleanField(required=False, default=False)


class IPAnswerSerializer(serializers.Serializer):
    organization = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="The rightholder organization you answer for; needed only when you own or "
        "edit several of those the registration names.",
    )


class IPDeclineSerializer(IPAnswerSerializer):
    reason = serializers.CharField(
        max_length=2000, help_text="Why: told to the registrant and the other rightholders."
    )
