"""The support measures API: the catalogue with eligibility, and grant applications (costs,
documents, the pipeline's steps, and the reviewers' scores and cuts)."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.files import serve_file
from innocluster.core.viewsets import PublicListMixin
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_get_for
from innocluster.platform.reviews import selectors as review_selectors
from innocluster.platform.reviews.api.submissions import (
    PDF,
    SubmissionApi,
    document_viewset,
    submission_viewset,
)
from innocluster.platform.reviews.models import CaseEvent

from .. import selectors
from ..eligibility import eligibility
from ..filters import MeasureFilterSet
from ..models import GrantApplication, Measure
from ..services import applications as services
from ..services import review as review_services
from ..services.applications import CASE_KIND
from . import serializers as s


@extend_schema_view(
    list=extend_schema(summary="The catalogue of support measures"),
    retrieve=extend_schema(summary="One measure with its rules, documents, criteria and calls"),
)
class MeasureViewSet(PublicListMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.MeasureSerializer
    filterset_class = MeasureFilterSet
    permission_classes = [AllowAny]
    queryset = Measure.objects.none()

    def get_queryset(self):
        return selectors.measure_list()

    @extend_schema(
        summary="Does an organization of mine qualify? Each criterion met or not",
        parameters=[OpenApiParameter("organization", int, required=True)],
        responses={200: s.EligibilitySerializer, **problem_responses(400, 404)},
    )
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated])
    def eligibility(self, request, pk=None):
        query = validated(s.EligibilityQuerySerializer, request.query_params)
        organization = organization_get_for(
            user=request.user, pk=query["organization"], ability=APPLY
        )
        found = eligibility(measure=self.get_object(), organization=organization)
        found.organization = organization.pk
        return Response(s.EligibilitySerializer(found).data)


API = SubmissionApi.named(
    CASE_KIND,
    s,
    "GrantApplication",
    "GrantDocument",
    retrieve_summary="One application with its costs, documents and history",
    create_summary="Open a draft for a measure an organization of mine may apply to now",
    document_summary="Attach one of the measure's required documents (PDF)",
    document_download_summary="Download a required document (members and reviewers)",
)


class GrantApplicationViewSet(submission_viewset(API)):
    def create_draft(self, *, organization, data):
        measure = selectors.measure_get(pk=data.pop("measure"))
        return services.grant_application_create(
            measure=measure, organization=organization, actor=self.request.user, **data
        )

    def with_relations(self, queryset):
        return queryset.select_related("case__organization", "award").prefetch_related(
            "items__application",
            "documents__application",
            Prefetch("case__events", queryset=CaseEvent.objects.order_by("at", "pk")),
        )

    @extend_schema(
        summary="Add a cost with its supporting document (PDF)",
        request={"multipart/form-data": s.CostItemUploadSerializer},
        responses={201: s.CostItemSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        application = self._mine()
        data = validated(s.CostItemUploadSerializer, request.data)
        item = services.cost_item_add(
            application=application, actor=request.user, upload=data.pop("document"), **data
        )
        return Response(s.CostItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Score one criterion 0–10 (reviewers)",
        request=s.ScoreSerializer,
        responses={200: s.GrantApplicationSerializer, **problem_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        application = self.get_object()
        data = validated(s.ScoreSerializer, request.data)
        review_services.grant_score(
            application=application,
            reviewer=request.user,
            criterion_id=data["criterion"],
            score=data["score"],
            comment=data["comment"],
        )
        return self._answer(application)


class ItemViewSet(viewsets.GenericViewSet):
    """One cost of an application: its document, removing it, a reviewer's cut."""

    permission_classes = [IsAuthenticated]
    queryset = GrantApplication.objects.none()
    serializer_class = s.CutSerializer  # the one body it reads; OPTIONS describes it

    @extend_schema(
        summary="Download a cost's supporting document (members and reviewers)", responses=PDF
    )
    def retrieve(self, request, pk=None, item_pk=None):
        application = review_selectors.submission_get_for_anyone_entitled(
            kind=CASE_KIND, user=request.user, pk=pk
        )
        item = review_selectors.submission_row_get(application.items.all(), item_pk)
        return serve_file(item.document, public=False, download_name=item.document_name)

    @extend_schema(
        summary="Remove a cost from a draft",
        responses={204: None, **problem_responses(400, 404, 409)},
    )
    def destroy(self, request, pk=None, item_pk=None):
        application = review_selectors.submission_get_for_member(
            kind=CASE_KIND, user=request.user, pk=pk
        )
        services.cost_item_remove(application=application, actor=request.user, item_id=item_pk)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Accept less of a cost, with the reason (reviewers)",
        request=s.CutSerializer,
        responses={200: s.CostItemSerializer, **problem_responses(400, 403, 404, 409)},
    )
    def cut(self, request, pk=None, item_pk=None):
        application = review_selectors.submission_get_for_reviewer(
            kind=CASE_KIND, user=request.user, pk=pk
        )
        data = validated(s.CutSerializer, request.data)
        item = review_services.cost_item_cut(
            application=application, reviewer=request.user, item_id=item_pk, **data
        )
        return Response(s.CostItemSerializer(item).data)


# One of the measure's required documents: download it, or remove it from a draft.
DocumentViewSet = document_viewset(API)
