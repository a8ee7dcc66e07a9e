"""The submission kit's API: one view set per kind for the applicant's submissions (list, read,
open a draft, change it, attach documents, submit, resubmit, withdraw) and one for a
document (download, remove).

A kind's view set is `submission_viewset(SubmissionApi(...))` subclassed with its
`create_draft` (and `with_relations` when it reads more); the API documents each kind's own
serializers and summaries, so the OpenAPI schema reads as if written by hand.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import translation
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import document_added, problem_responses, validated
from innocluster.core.files import serve_file
from innocluster.core.parsers import JSON_AND_FILES
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_get_for

from .. import selectors, services
from ..kinds import ORGANIZATION, kind_get
from ..models import CaseEvent
from .serializers import MessageSerializer, WithdrawSerializer

# The kit's refusals: invalid input, not the caller's (or no such) submission, its state.
ERRORS = problem_responses(400, 404, 409)
# a document, downloaded as bytes (core/files.serve_file sends every download as octet-stream)
PDF = {(200, "application/octet-stream"): bytes, **problem_responses(404)}


@dataclass(frozen=True)
class SubmissionApi:
    """What differs between kinds' APIs: the kind, its serializers and the summaries."""

    kind: str
    read: type  # the submission as the API shows it
    create: type  # organization (for organizations' kinds) and the draft's first fields
    write: type  # the editable fields
    document_upload: type  # `file` and what describes the document
    document: type  # a stored document
    create_summary: str
    document_summary: str
    list_summary: str = ""  # by default "The <submissions> of my organizations"
    retrieve_summary: str = "One application with its documents and history"
    document_download_summary: str = "Download a document (members and reviewers)"

    @classmethod
    def named(cls, kind: str, module, submission: str, document: str, **summaries):
        """The serializers of `module` by the kit's names: `<submission>Serializer`, its
        `…CreateSerializer` and `…WriteSerializer`, `<document>Serializer` and
        `<document>UploadSerializer`."""
        return cls(
            kind=kind,
            read=getattr(module, f"{submission}Serializer"),
            create=getattr(module, f"{submission}CreateSerializer"),
            write=getattr(module, f"{submission}WriteSerializer"),
            document_upload=getattr(module, f"{document}UploadSerializer"),
            document=getattr(module, f"{document}Serializer"),
            **summaries,
        )


def submission_viewset(api: SubmissionApi) -> type:
    """The base view set of one kind's submissions; subclass it and give `create_draft`.
    (Its `list` and `retrieve` carry the kind's summaries; a subclass inherits them.)"""
    responses = {200: api.read, **ERRORS}

    class SubmissionViewSet(
        mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
    ):
        serializer_class = api.read
        permission_classes = [IsAuthenticated]
        parser_classes = JSON_AND_FILES
        queryset = api.read.Meta.model.objects.none()

        def create_draft(self, *, organization, data: dict):
            """Open the kind's draft from the create serializer's data (less `organization`)."""
            raise NotImplementedError

        def applicant(self, data: dict):
            """The organization that applies, from the create serializer's `organization`
            (taken out of `data`): 404 unless the caller may apply for it. None when people
            apply for themselves. A kind that finds it otherwise (a cluster's lead, from the
            cluster) overrides this, and its service checks who acts."""
            if kind_get(api.kind).applicant != ORGANIZATION:
                return None
            return organization_get_for(
                user=self.request.user, pk=data.pop("organization"), ability=APPLY
            )

        def with_relations(self, queryset):
            """What the read serializer shows, in a fixed number of queries."""
            return queryset.prefetch_related(
                "documents",
                Prefetch("case__events", queryset=CaseEvent.objects.order_by("at", "pk")),
            )

        def get_queryset(self):
            if getattr(self, "swagger_fake_view", False):
                return self.queryset
            mine = selectors.submission_list_for_member(kind=api.kind, user=self.request.user)
            return self.with_relations(mine)

        def get_object(self):
            """Members read their organization's submissions; reviewers read submitted ones."""
            return selectors.submission_get_for_anyone_entitled(
                kind=api.kind, user=self.request.user, pk=self.kwargs["pk"]
            )

        def _mine(self):
            return selectors.submission_get_for_member(
                kind=api.kind, user=self.request.user, pk=self.kwargs["pk"]
            )

        def _answer(self, submission, code=status.HTTP_200_OK):
            model = type(submission)
            fresh = self.with_relations(model.objects.filter(pk=submission.pk)).get()
            return Response(api.read(fresh).data, status=code)

        @extend_schema(
            summary=api.create_summary, request=api.create, responses={201: api.read, **ERRORS}
        )
        def create(self, request):
            data = validated(api.create, request.data)
            organization = self.applicant(data)
            submission = self.create_draft(organization=organization, data=data)
            return self._answer(submission, status.HTTP_201_CREATED)

        @extend_schema(
            summary="Change a draft, or an application the fund asked to complete",
            request=api.write,
            responses=responses,
        )
        def partial_update(self, request, pk=None):
            submission = self._mine()
            data = validated(api.write, request.data)
            services.submission_update(submission=submission, actor=request.user, fields=data)
            return self._answer(submission)

        @extend_schema(
            summary=api.document_summary,
            request={"multipart/form-data": api.document_upload},
            responses={201: api.document, **ERRORS},
        )
        @action(detail=True, methods=["post"])
        def documents(self, request, pk=None):
            return document_added(
                request, api.document_upload, services.submission_document_add, api.document,
                submission=self._mine(),
            )  # fmt: skip

        @extend_schema(summary="Submit to the fund (idempotent)", request=None, responses=responses)
        @action(detail=True, methods=["post"])
        def submit(self, request, pk=None):
            submission = self._mine()
            services.case_submit(case=submission.case, actor=request.user)
            return self._answer(submission)

        @extend_schema(
            summary="Send back with the information the fund asked for (idempotent)",
            request=MessageSerializer,
            responses=responses,
        )
        @action(detail=True, methods=["post"])
        def resubmit(self, request, pk=None):
            submission = self._mine()
            message = validated(MessageSerializer, request.data)["message"]
            services.case_resubmit(case=submission.case, actor=request.user, message=message)
            return self._answer(submission)

        @extend_schema(
            summary="Withdraw before the decision (or discard a draft)",
            request=WithdrawSerializer,
            responses=responses,
        )
        @action(detail=True, methods=["post"])
        def withdraw(self, request, pk=None):
            submission = self._mine()
            reason = validated(WithdrawSerializer, request.data)["reason"]
            services.case_withdraw(case=submission.case, actor=request.user, reason=reason)
            return self._answer(submission)

    plural = api.read.Meta.model._meta.verbose_name_plural
    with translation.override("en"):  # the API's documentation is in English
        mine = (
            "My {}"
            if kind_get(api.kind).applicant != ORGANIZATION
            else "The {} of my organizations"
        )
        listed = api.list_summary or mine.format(plural)
    summaries = {
        "list": extend_schema(summary=listed),
        "retrieve": extend_schema(summary=api.retrieve_summary),
    }
    return extend_schema_view(**summaries)(SubmissionViewSet)


def document_viewset(api: SubmissionApi) -> type:
    """One document of a kind's submission: download it, or remove it from a draft."""

    class DocumentViewSet(viewsets.GenericViewSet):
        permission_classes = [IsAuthenticated]
        queryset = api.read.Meta.model.objects.none()

        @extend_schema(summary=api.document_download_summary, responses=PDF)
        def retrieve(self, request, pk=None, document_pk=None):
            submission = selectors.submission_get_for_anyone_entitled(
                kind=api.kind, user=request.user, pk=pk
            )
            document = selectors.submission_row_get(submission.documents.all(), document_pk)
            return serve_file(document.file, public=False, download_name=document.file_name)

        @extend_schema(summary="Remove a document from a draft", responses={204: None, **ERRORS})
        def destroy(self, request, pk=None, document_pk=None):
            submission = selectors.submission_get_for_member(
                kind=api.kind, user=request.user, pk=pk
            )
            services.submission_document_remove(
                submission=submission, actor=request.user, document_id=document_pk
            )
            return Response(status=status.HTTP_204_NO_CONTENT)

    return DocumentViewSet
