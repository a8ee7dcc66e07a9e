"""The status API: applications (drafts, documents, submit, withdraw, resubmit) and the
public register (with the administrators' changes)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.files import serve_file
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_get_for
from innocluster.platform.reviews.api.applicant import ERRORS, PROBLEM, applicant_actions, valid
from innocluster.platform.reviews.models import CaseEvent

from .. import selectors, services
from ..filters import RegisterFilterSet
from ..models import Status, StatusApplication
from . import serializers as s


@extend_schema_view(
    list=extend_schema(summary="The status applications of my organizations"),
    retrieve=extend_schema(summary="One application with its documents and history"),
)
class StatusApplicationViewSet(
    applicant_actions(s.StatusApplicationSerializer),
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.StatusApplicationSerializer
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    queryset = StatusApplication.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return (
            StatusApplication.objects.filter(
                case__organization__memberships__user=self.request.user
            )
            .select_related("case__organization")
            .prefetch_related(
                "documents",
                Prefetch("case__events", queryset=CaseEvent.objects.order_by("at", "pk")),
            )
            .order_by("-case__created_at")
        )

    def get_object(self):
        """Members read their organization's applications; reviewers read submitted ones."""
        return selectors.application_get_for_anyone_entitled(
            user=self.request.user, pk=self.kwargs["pk"]
        )

    def _mine(self):
        return selectors.application_get_for_member(user=self.request.user, pk=self.kwargs["pk"])

    def _answer(self, application, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=application.pk)
        return Response(s.StatusApplicationSerializer(fresh).data, status=code)

    @extend_schema(
        summary="Open a draft for an organization (filled from the caller's profile)",
        request=s.StatusApplicationCreateSerializer,
        responses={201: s.StatusApplicationSerializer, **ERRORS},
    )
    def create(self, request):
        data = valid(s.StatusApplicationCreateSerializer, request.data)
        organization = organization_get_for(
            user=request.user, pk=data.pop("organization"), ability=APPLY
        )
        application = services.status_application_create(
            organization=organization, actor=request.user, kind=data.pop("kind", "")
        )
        if data:
            services.status_application_update(
                application=application, actor=request.user, fields=data
            )
        return self._answer(application, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a draft, or an application the fund asked to complete",
        request=s.StatusApplicationWriteSerializer,
        responses={200: s.StatusApplicationSerializer, **ERRORS},
    )
    def partial_update(self, request, pk=None):
        application = self._mine()
        data = valid(s.StatusApplicationWriteSerializer, request.data)
        services.status_application_update(application=application, actor=request.user, fields=data)
        return self._answer(application)

    @extend_schema(
        summary="Attach a PDF document (at most 10 MB)",
        request={"multipart/form-data": s.DocumentUploadSerializer},
        responses={201: s.DocumentSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        application = self._mine()
        data = valid(s.DocumentUploadSerializer, request.data)
        document = services.application_document_add(
            application=application, actor=request.user, doc_type=data["doc_type"],
            upload=data["file"],
        )  # fmt: skip
        return Response(s.DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentViewSet(viewsets.GenericViewSet):
    """One document of an application: download it, or remove it from a draft."""

    permission_classes = [IsAuthenticated]
    queryset = StatusApplication.objects.none()

    @extend_schema(summary="Download a document (members and reviewers)",
                   responses={(200, "application/pdf"): bytes, 404: PROBLEM})  # fmt: skip
    def retrieve(self, request, pk=None, document_pk=None):
        application = selectors.application_get_for_anyone_entitled(user=request.user, pk=pk)
        document = selectors.document_get(application=application, pk=document_pk)
        return serve_file(document.file, public=False, download_name=document.file_name)

    @extend_schema(summary="Remove a document from a draft", responses={204: None, **ERRORS})
    def destroy(self, request, pk=None, document_pk=None):
        application = selectors.application_get_for_member(user=request.user, pk=pk)
        services.application_document_remove(
            application=application, actor=request.user, document_id=document_pk
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(summary="The public register of participants and partners"),
    retrieve=extend_schema(summary="One entry of the register with its history"),
)
class RegisterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.RegisterEntrySerializer
    filterset_class = RegisterFilterSet
    permission_classes = [AllowAny]
    lookup_field = "register_number"
    queryset = Status.objects.none()

    def get_queryset(self):
        return selectors.register_list().prefetch_related("changes__case")

    def get_object(self):
        return get_object_or_404(
            self.get_queryset(), register_number=self.kwargs["register_number"]
        )

    def _changed(self, entry):
        return Response(s.RegisterEntrySerializer(self.get_queryset().get(pk=entry.pk)).data)

    @extend_schema(summary="Suspend a status (fund administrators)", request=s.ReasonSerializer,
                   responses={200: s.RegisterEntrySerializer, 403: PROBLEM, **ERRORS})  # fmt: skip
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def suspend(self, request, register_number=None):
        data = valid(s.ReasonSerializer, request.data)
        entry = services.status_suspend(status=self.get_object(), actor=request.user, **data)
        return self._changed(entry)

    @extend_schema(summary="Revoke a status on stated grounds (fund administrators)",
                   request=s.RevokeSerializer,
                   responses={200: s.RegisterEntrySerializer, 403: PROBLEM, **ERRORS})  # fmt: skip
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def revoke(self, request, register_number=None):
        data = valid(s.RevokeSerializer, request.data)
        entry = services.status_revoke(status=self.get_object(), actor=request.user, **data)
        return self._changed(entry)

    @extend_schema(summary="Restore a suspended or revoked status (fund administrators)",
                   request=s.ReasonSerializer,
                   responses={200: s.RegisterEntrySerializer, 403: PROBLEM, **ERRORS})  # fmt: skip
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def restore(self, request, register_number=None):
        data = valid(s.ReasonSerializer, request.data)
        entry = services.status_restore(status=self.get_object(), actor=request.user, **data)
        return self._changed(entry)
