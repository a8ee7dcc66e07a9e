"""The reviewers' API: the queue, a case, taking it and deciding it."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses
from innocluster.core.errors import PermissionDenied

from .. import selectors, services
from ..filters import CaseQueueFilterSet
from ..models import Case, CaseEvent
from . import serializers as s


@extend_schema_view(
    list=extend_schema(summary="The reviewers' queue: every case they may decide, due first"),
    retrieve=extend_schema(summary="A case with its history (fund reviewers)"),
)
class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.CaseSerializer
    filterset_class = CaseQueueFilterSet
    permission_classes = [IsAuthenticated]
    queryset = Case.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.case_queue(user=self.request.user).prefetch_related(
            Prefetch("events", queryset=CaseEvent.objects.order_by("at", "pk"))
        )

    def list(self, request, *args, **kwargs):
        if not selectors.reviewable_kinds(user=request.user):
            raise PermissionDenied(_("Only the fund's reviewers work from the queue."))
        return super().list(request, *args, **kwargs)

    def get_object(self):
        return selectors.case_get_for_reviewer(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Take a case into review",
        request=None,
        responses={200: s.CaseSerializer, **problem_responses(403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def take(self, request, pk=None):
        case = services.case_take(case=self.get_object(), reviewer=request.user)
        return Response(s.CaseSerializer(case).data)

    @extend_schema(
        summary="Approve, reject (with a reason) or request information (saying what)",
        request=s.ReviewDecisionSerializer,
        responses={200: s.CaseSerializer, **problem_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        case = self.get_object()
        data = s.ReviewDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.case_decide(case=case, reviewer=request.user, **data.validated_data)
        return Response(s.CaseSerializer(case).data)
