"""The fake kinds' API, as a new service writes it: its serializers and the kit's view sets."""

from django.urls import include, path, reverse
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from innocluster.platform.reviews import services
from innocluster.platform.reviews.api.serializers import CASE_FIELDS, CaseFieldsSerializer
from innocluster.platform.reviews.api.submissions import (
    SubmissionApi,
    document_viewset,
    submission_viewset,
)

from .kinds import FAKE_KIND, FAKE_PERSON_KIND
from .models import FakeDocument, FakePersonDocument, FakePersonSubmission, FakeSubmission

CONTACT = ["contact_name", "contact_position", "contact_phone", "contact_email"]


def _serializers(submission_model, document_model, url_name: str) -> dict:
    """The serializers of one fake kind, named after its model (the schema tells them apart)."""

    class DocumentSerializer(serializers.ModelSerializer):
        url = serializers.SerializerMethodField()

        class Meta:
            model = document_model
            fields = ["id", "file_name", "size", "sha256", "uploaded_at", "url"]

        def get_url(self, document) -> str:
            pk = document.application.case_id
            return reverse(url_name, kwargs={"pk": pk, "document_pk": document.pk})

    class ReadSerializer(CaseFieldsSerializer, serializers.ModelSerializer):
        documents = DocumentSerializer(many=True, read_only=True)

        class Meta:
            model = submission_model
            fields = [*CASE_FIELDS, "title", *CONTACT, "documents", "history"]

    class WriteSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=200, required=False, allow_blank=True)
        contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
        contact_position = serializers.CharField(max_length=200, required=False, allow_blank=True)
        contact_phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
        contact_email = serializers.EmailField(required=False, allow_blank=True, max_length=254)

    class UploadSerializer(serializers.Serializer):
        file = serializers.FileField()

    class CreateSerializer(WriteSerializer):
        if (
            submission_model is FakeSubmission
        ):  # a person applies for themself: no organization to name
            organization = serializers.IntegerField()

    found = {
        "read": ReadSerializer,
        "create": CreateSerializer,
        "write": WriteSerializer,
        "document_upload": UploadSerializer,
        "document": DocumentSerializer,
    }
    for serializer in found.values():
        serializer.__name__ = serializer.__qualname__ = (
            submission_model.__name__ + serializer.__name__
        )
    return found


API = SubmissionApi(
    kind=FAKE_KIND,
    create_summary="Open a fake draft",
    document_summary="Attach a PDF",
    **_serializers(FakeSubmission, FakeDocument, "fake-application-document-file"),
)
PERSON_API = SubmissionApi(
    kind=FAKE_PERSON_KIND,
    create_summary="Open a fake personal draft",
    document_summary="Attach a PDF",
    **_serializers(
        FakePersonSubmission, FakePersonDocument, "fake-person-application-document-file"
    ),
)


class FakeSubmissionViewSet(submission_viewset(API)):
    def create_draft(self, *, organization, data):
        return services.submission_create(
            kind=FAKE_KIND, organization=organization, actor=self.request.user, fields=data
        )


class FakePersonSubmissionViewSet(submission_viewset(PERSON_API)):
    def create_draft(self, *, organization, data):
        return services.submission_create(
            kind=FAKE_PERSON_KIND, organization=None, actor=self.request.user, fields=data
        )


class FakeDocumentViewSet(document_viewset(API)):
    pass


class FakePersonDocumentViewSet(document_viewset(PERSON_API)):
    pass


router = SimpleRouter(trailing_slash=True)
router.register("fake-applications", FakeSubmissionViewSet, basename="fake-application")
router.register(
    "fake-person-applications", FakePersonSubmissionViewSet, basename="fake-person-application"
)
_file = {"get": "retrieve", "delete": "destroy"}
urlpatterns = [
    path("", include(router.urls)),
    path(
        "fake-applications/<int:pk>/documents/<int:document_pk>/",
        FakeDocumentViewSet.as_view(_file),
        name="fake-application-document-file",
    ),
    path(
        "fake-person-applications/<int:pk>/documents/<int:document_pk>/",
        FakePersonDocumentViewSet.as_view(_file),
        name="fake-person-application-document-file",
    ),
]
