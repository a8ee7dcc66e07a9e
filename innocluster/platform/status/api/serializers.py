from django.urls import reverse
from rest_framework import serializers

from innocluster.platform.reviews.api.serializers import (
    CASE_FIELDS,
    CONTACT_FIELDS,
    CaseFieldsSerializer,
    ContactWriteSerializer,
)

from ..choices import CONFIRMATIONS, DocumentType, RevocationGrounds, StatusKind
from ..models import REASON_MAX_LENGTH, ApplicationDocument, Status, StatusApplication, StatusChange

CONTACT = CONTACT_FIELDS


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ApplicationDocument
        fields = ["id", "doc_type", "file_name", "size", "sha256", "uploaded_at", "url"]
        extra_kwargs = {"size": {"required": True}}  # always set by the kit; 0 only for old rows

    def get_url(self, document) -> str:
        return reverse(
            "status-application-document-file",
            kwargs={"pk": document.application.case_id, "document_pk": document.pk},
        )


class DocumentUploadSerializer(serializers.Serializer):
    doc_type = serializers.ChoiceField(choices=DocumentType.choices)
    file = serializers.FileField()


class StatusApplicationSerializer(CaseFieldsSerializer, serializers.ModelSerializer):
    """An application: what it says, and its case (status, clock, history)."""

    documents = DocumentSerializer(many=True, read_only=True)

    class Meta:
        model = StatusApplication
        fields = [
            *CASE_FIELDS,
            "kind",
            *CONTACT,
            *CONFIRMATIONS,
            "documents",
            "history",
        ]


class StatusApplicationWriteSerializer(ContactWriteSerializer):
    kind = serializers.ChoiceField(choices=StatusKind.choices, required=False)
    confirm_data_true = serializers.BooleanField(required=False)
    confirm_rules = serializers.BooleanField(required=False)
    confirm_personal_data = serializers.BooleanField(required=False)


class StatusApplicationCreateSerializer(StatusApplicationWriteSerializer):
    organization = serializers.IntegerField()


class StatusChangeSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", default="", read_only=True)

    class Meta:
        model = StatusChange
        fields = ["at", "action", "kind", "state", "grounds", "reason", "case"]


class RegisterOrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    inn = serializers.CharField(read_only=True)
    ogrn = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)
    region = serializers.CharField(read_only=True)
    org_type = serializers.CharField(read_only=True)


class RegisterEntrySerializer(serializers.ModelSerializer):
    organization = RegisterOrganizationSerializer(read_only=True)
    history = StatusChangeSerializer(source="changes", many=True, read_only=True)

    class Meta:
        model = Status
        fields = ["register_number", "kind", "state", "granted_on", "organization", "history"]


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH)


class RevokeSerializer(ReasonSerializer):
    grounds = serializers.ChoiceField(choices=RevocationGrounds.choices)
