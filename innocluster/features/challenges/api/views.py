"""The city challenges API. Every object is looked up through the selectors against the caller:
what they may not see is a 404 (an entry before the deadline, to the poster too)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import document_added, problem_responses, validated

from .. import selectors as sel
from .. import services
from ..filters import ChallengeFilterSet
from ..models import Challenge, Entry, Evaluator
from . import serializers as s


class ChallengeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ChallengeSerializer
    filterset_class = ChallengeFilterSet
    permission_classes = [AllowAny]
    queryset = Challenge.objects.none()

    def get_queryset(self):
        return sel.challenge_list().prefetch_related("criteria")

    @extend_schema(
        summary="Post a challenge (owners and editors of a city organization or corporation)",
        request=s.ChallengeCreateSerializer,
        responses={201: s.ChallengeSerializer, **problem_responses(400, 401)},
    )
    def create(self, request):
        if not request.user.is_authenticated:
            self.permission_denied(request)
        data = validated(s.ChallengeCreateSerializer, request.data)
        challenge = services.challenge_create(actor=request.user, **data)
        return Response(s.ChallengeSerializer(challenge).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The entries of a challenge the caller may see",
        responses={200: s.ChallengeEntrySerializer(many=True), **problem_responses(404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def entries(self, request, pk=None):
        challenge = sel.challenge_get(pk=pk)
        entries = sel.entry_list_visible(user=request.user, challenge=challenge)
        return Response(s.ChallengeEntrySerializer(entries, many=True).data)

    @extend_schema(
        summary="The evaluation board (the poster's owners and editors, fund staff)",
        responses={200: s.ChallengeBoardRowSerializer(many=True), **problem_responses(404)},
    )
    @action(
        detail=True, methods=["get"], permission_classes=[IsAuthenticated], pagination_class=None
    )
    def board(self, request, pk=None):
        challenge = sel.challenge_get(pk=pk)
        if not sel.may_run(user=request.user, challenge=challenge) or challenge.is_open():
            raise Http404
        return Response(
            s.ChallengeBoardRowSerializer(sel.board(challenge=challenge), many=True).data
        )

    @extend_schema(
        summary="Publish the results (the poster)",
        request=None,
        responses={200: s.ChallengeSerializer, **problem_responses(404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def publish(self, request, pk=None):
        challenge = services.results_publish(challenge=sel.challenge_get(pk=pk), actor=request.user)
        return Response(s.ChallengeSerializer(challenge).data)


class EntryViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ChallengeEntrySerializer
    permission_classes = [IsAuthenticated]
    queryset = Entry.objects.none()

    def get_object(self):
        return sel.entry_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Submit an entry to an open challenge (an active participant's owner or editor)",
        request=s.ChallengeEntryCreateSerializer,
        responses={201: s.ChallengeEntrySerializer, **problem_responses(400, 404, 409)},
    )
    def create(self, request):
        data = validated(s.ChallengeEntryCreateSerializer, request.data)
        challenge = sel.challenge_get(pk=data.pop("challenge"))
        entry = services.entry_submit(challenge=challenge, actor=request.user, **data)
        return Response(s.ChallengeEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an entry until the deadline (the leading organization)",
        request=s.ChallengeEntryUpdateSerializer,
        responses={200: s.ChallengeEntrySerializer, **problem_responses(400, 404, 409)},
    )
    def partial_update(self, request, pk=None):
        entry = sel.entry_get_own(user=request.user, pk=pk)
        data = validated(s.ChallengeEntryUpdateSerializer, request.data)
        return Response(
            s.ChallengeEntrySerializer(
                services.entry_update(entry=entry, actor=request.user, **data)
            ).data
        )

    @extend_schema(
        summary="Attach a PDF until the deadline",
        request={"multipart/form-data": s.ChallengeUploadSerializer},
        responses={201: s.ChallengeDocumentSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        entry = sel.entry_get_own(user=request.user, pk=pk)
        return document_added(
            request, s.ChallengeUploadSerializer, services.entry_document_add,
            s.ChallengeDocumentSerializer, entry=entry,
        )  # fmt: skip

    @extend_schema(
        summary="A co-applicant confirms its part",
        request=s.ChallengeConfirmSerializer,
        responses={200: s.ChallengeEntrySerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        entry = sel.entry_get_own(user=request.user, pk=pk)
        data = validated(s.ChallengeConfirmSerializer, request.data)
        services.partner_confirm(entry=entry, actor=request.user, **data)
        return Response(
            s.ChallengeEntrySerializer(sel.entry_get_own(user=request.user, pk=pk)).data
        )

    @extend_schema(
        summary="Assign an evaluator (the poster or fund staff, after the deadline)",
        request=s.ChallengeAssignSerializer,
        responses={201: None, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def assignments(self, request, pk=None):
        entry = self.get_object()
        data = validated(s.ChallengeAssignSerializer, request.data)
        evaluator = Evaluator.objects.filter(
            challenge=entry.challenge, pk=data["evaluator"]
        ).first()
        if evaluator is None:
            raise Http404
        services.assignment_create(entry=entry, evaluator=evaluator, actor=request.user)
        return Response(status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Score one criterion 0–10 with a comment (an assigned evaluator)",
        request=s.ChallengeScoreInSerializer,
        responses={200: s.ChallengeScoreSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        entry = self.get_object()
        sel.assignment_get(user=request.user, entry=entry)
        data = validated(s.ChallengeScoreInSerializer, request.data)
        score = services.score_set(
            entry=entry, actor=request.user, criterion_id=data["criterion"],
            score=data["score"], comment=data["comment"],
        )  # fmt: skip
        return Response(s.ChallengeScoreSerializer(score).data)

    @extend_schema(
        summary="Decide on an entry with a reason (the poster)",
        request=s.ChallengeDecisionSerializer,
        responses={200: None, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        entry = self.get_object()
        data = validated(s.ChallengeDecisionSerializer, request.data)
        services.entry_decide(entry=entry, actor=request.user, **data)
        return Response(status=status.HTTP_200_OK)
