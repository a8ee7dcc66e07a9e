"""What the ledger API reads from query strings and writes out. Hashes are lowercase hex."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..encoding import checkpoint_note, format_time, key_id, to_base64
from ..signing import public_key_bytes

MAX_INT = 2**63 - 1
HEX_HASH_PATTERN = r"^[0-9a-fA-F]{64}$"


# --- Query strings ---------------------------------------------------------------------------
class EntryRangeQuery(serializers.Serializer):
    start = serializers.IntegerField(min_value=0, max_value=MAX_INT, default=0)
    end = serializers.IntegerField(
        min_value=0, max_value=MAX_INT, required=False, help_text="Exclusive; at most 1000 more."
    )


class InclusionQuery(serializers.Serializer):
    tree_size = serializers.IntegerField(
        min_value=1,
        max_value=MAX_INT,
        required=False,
        help_text="The tree to prove inclusion in; by default the latest signed checkpoint's.",
    )


class HashInclusionQuery(InclusionQuery):
    hash = serializers.RegexField(
        HEX_HASH_PATTERN,
        error_messages={"invalid": "A leaf hash is 64 hexadecimal digits."},
        help_text="The entry's leaf hash, SHA-256(0x00 || canonical JSON), in hex.",
    )


class ConsistencyQuery(serializers.Serializer):
    first = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    second = serializers.IntegerField(
        min_value=0, max_value=MAX_INT, required=False, help_text="By default the latest signed."
    )


class SubjectQuery(serializers.Serializer):
    subject = serializers.CharField(max_length=128, help_text="For example organization:42.")
    kind = serializers.CharField(max_length=64, required=False)


# --- Responses -------------------------------------------------------------------------------
@extend_schema_field({"type": "string", "pattern": HEX_HASH_PATTERN})
class HexField(serializers.Field):
    def to_representation(self, value):
        return bytes(value).hex()


class PublicKeySerializer(serializers.Serializer):
    algorithm = serializers.CharField()
    public_key = serializers.CharField(help_text="Raw 32-byte Ed25519 public key, base64.")
    key_id = serializers.CharField(help_text="First 8 bytes of SHA-256(public key), hex.")
    pem = serializers.CharField()
    origin = serializers.CharField(help_text="The log's name, first line of every checkpoint.")


class CheckpointSerializer(serializers.Serializer):
    origin = serializers.CharField()
    tree_size = serializers.IntegerField()
    root_hash = HexField()
    timestamp = serializers.SerializerMethodField()
    key_id = serializers.CharField()
    signature = serializers.SerializerMethodField(help_text="Ed25519 over `note`, base64.")
    note = serializers.SerializerMethodField(help_text="The exact signed text.")
    public_key = serializers.SerializerMethodField(help_text="The signing key, base64.")

    def get_timestamp(self, checkpoint) -> str:
        return format_time(checkpoint.timestamp)

    def get_signature(self, checkpoint) -> str:
        return to_base64(bytes(checkpoint.signature))

    def get_note(self, checkpoint) -> str:
        return checkpoint_note(
            origin=checkpoint.origin,
            tree_size=checkpoint.tree_size,
            root_hash=bytes(checkpoint.root_hash),
            timestamp=format_time(checkpoint.timestamp),
        ).decode()

    def get_public_key(self, checkpoint) -> str | None:
        public = public_key_bytes()
        return to_base64(public) if key_id(public) == checkpoint.key_id else None


class EntrySerializer(serializers.Serializer):
    index = serializers.IntegerField()
    kind = serializers.SerializerMethodField()
    subject = serializers.SerializerMethodField()
    timestamp = serializers.SerializerMethodField()
    payload = serializers.SerializerMethodField()
    data = serializers.CharField(help_text="The canonical JSON the leaf hash covers.")
    leaf_hash = HexField()
    url = serializers.SerializerMethodField()
    proof_url = serializers.SerializerMethodField()

    def _content(self, entry) -> dict:
        if not hasattr(entry, "_content_cache"):
            entry._content_cache = entry.content
        return entry._content_cache

    def get_kind(self, entry) -> str:
        return self._content(entry).get("kind", "")

    def get_subject(self, entry) -> str:
        return self._content(entry).get("subject", "")

    def get_timestamp(self, entry) -> str:
        return self._content(entry).get("timestamp", "")

    def get_payload(self, entry) -> dict:
        return self._content(entry).get("payload", {})

    def get_url(self, entry) -> str:
        return self._absolute("ledger_api:entry", entry.index)

    def get_proof_url(self, entry) -> str:
        return self._absolute("ledger_api:entry-proof", entry.index)

    def _absolute(self, name: str, index: int) -> str:
        path = reverse(name, kwargs={"index": index})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class EntryRangeSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField(help_text="Exclusive: continue from here.")
    tree_size = serializers.IntegerField(help_text="Entries in the log now.")
    entries = EntrySerializer(many=True)


class InclusionProofSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    tree_size = serializers.IntegerField()
    leaf_hash = HexField()
    audit_path = serializers.ListField(child=HexField(), help_text="Nearest the leaf first.")
    root_hash = HexField()
    checkpoint = CheckpointSerializer(allow_null=True, help_text="If one was signed at tree_size.")


class ConsistencyProofSerializer(serializers.Serializer):
    first = serializers.IntegerField()
    second = serializers.IntegerField()
    first_root = HexField()
    second_root = HexField()
    proof = serializers.ListField(child=HexField())
