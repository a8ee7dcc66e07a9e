"""The status API: applications (drafts, documents, submit, withdraw, resubmit) and the
public register (with the administrators' changes)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.platform.reviews.api.submissions import (
    SubmissionApi,
    document_viewset,
    submission_viewset,
)

from .. import selectors, services
from ..filters import RegisterFilterSet
from ..models import Status
from . import serializers as s

# An administrator's change of a status: the entry as the register shows it, or why not.
CHANGED = {200: s.RegisterEntrySerializer, **problem_responses(400, 403, 404, 409)}

API = SubmissionApi.named(
    services.CASE_KIND,
    s,
    "StatusApplication",
    "Document",
    create_summary="Open a draft for an organization (filled from the caller's profile)",
    document_summary="Attach a PDF document (at most 10 MB)",
)


class StatusApplicationViewSet(submission_viewset(API)):
    def create_draft(self, *, organization, data):
        return services.status_application_create(
            organization=organization, actor=self.request.user, **data
        )


class DocumentViewSet(document_viewset(API)):
    """One document of an application: download it, or remove it from a draft."""


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
        return selectors.register_entry_get(
            number=self.kwargs["register_number"], queryset=self.get_queryset()
        )

    def _changed(self, entry):
        return Response(s.RegisterEntrySerializer(self.get_queryset().get(pk=entry.pk)).data)

    @extend_schema(summary="Suspend a status (fund administrators)", request=s.ReasonSerializer,
                   responses=CHANGED)  # fmt: skip
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def suspend(self, request, register_number=None):
        data = validated(s.ReasonSerializer, request.data)
        entry = services.status_suspend(status=self.get_object(), actor=request.user, **data)
        return self._changed(entry)

    @extend_schema(summary="Revoke a status on stated grounds (fund administrators)",
                   request=s.RevokeSerializer,
                   responses=CHANGED)  # fmt: skip
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def revoke(self, request, register_number=None):
        data = validated(s.RevokeSerializer, request.data)
        entry = services.status_revoke(status=self.get_object(), actor=request.user, **data)
        return self._changed(entry)

    @extend_schema(summary="Restore a suspended or revoked status (fund administrators)",
                   request=s.ReasonSerializer,
                   responses=CHANGED)  # fmt: skip
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def restore(self, request, register_number=None):
        data = validated(s.ReasonSerializer, request.data)
        entry = services.status_restore(status=self.get_object(), actor=request.user, **data)
        return self._changed(entry)
