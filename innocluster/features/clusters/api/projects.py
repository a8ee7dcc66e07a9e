"""The API of joint projects: /api/v1/clusters/<cluster>/projects/ with their participants,
milestones and needs. Read by whoever may see the cluster; written by its administrators (and
milestone outcomes by the participants' acting people): for anybody else a write is 404."""

from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.fields import BoundedListField
from innocluster.platform.organizations.choices import ProductCategory

from .. import selectors
from .. import selectors_projects as reads
from ..models import Milestone, MilestoneState, Project, ProjectNeed, ProjectParticipant
from ..models.projects import NEED_MAX_LENGTH, ROLE_MAX_LENGTH, TEXT_MAX_LENGTH
from ..services import projects as services

WRITE_ERRORS = problem_responses(400, 401, 404)


class ParticipantSerializer(serializers.ModelSerializer):
    short_name = serializers.CharField(source="organization.short_name", read_only=True)

    class Meta:
        model = ProjectParticipant
        fields = ["organization", "short_name", "role"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "title", "due_on", "state", "result", "recorded_at"]


class NeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectNeed
        fields = ["id", "category", "description"]


class ProjectSerializer(serializers.ModelSerializer):
    participants = ParticipantSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    needs = NeedSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "cluster",
            "name",
            "goal",
            "expected_result",
            "budget",
            "budget_sources",
            "starts_on",
            "ends_on",
            "target_trl",
            "participants",
            "milestones",
            "needs",
        ]


class ProjectWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    goal = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False)
    expected_result = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    budget_sources = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)
    target_trl = serializers.IntegerField(required=False)


class ParticipantWriteSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    role = serializers.CharField(max_length=ROLE_MAX_LENGTH, required=False, allow_blank=True)


class ProjectCreateSerializer(ProjectWriteSerializer):
    name = serializers.CharField(max_length=200)
    goal = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    expected_result = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    target_trl = serializers.IntegerField()
    participants = BoundedListField(child=ParticipantWriteSerializer(), max_length=1000)


class MilestoneWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    due_on = serializers.DateField()


class MilestoneRecordSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=[MilestoneState.DONE, MilestoneState.MISSED])
    result = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class NeedWriteSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=ProductCategory.choices)
    description = serializers.CharField(max_length=NEED_MAX_LENGTH)


def _one(queryset, pk):
    try:
        return queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


@extend_schema_view(
    list=extend_schema(summary="The joint projects of a cluster"),
    retrieve=extend_schema(summary="One joint project with its participants, milestones, needs"),
)
class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ProjectSerializer
    permission_classes = [AllowAny]  # a private cluster's projects are 404 to outsiders
    queryset = Project.objects.none()

    def cluster(self):
        return selectors.cluster_get_visible(user=self.request.user, pk=self.kwargs["cluster_pk"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return reads.project_list_full(cluster=self.cluster())

    def _answer(self, project, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=project.pk)
        return Response(ProjectSerializer(fresh).data, status=code)

    def _writer(self):
        if not self.request.user.is_authenticated:
            raise Http404
        return self.request.user

    @extend_schema(
        summary="Create a joint project (the cluster's administrators)",
        request=ProjectCreateSerializer,
        responses={201: ProjectSerializer, **WRITE_ERRORS},
    )
    def create(self, request, cluster_pk=None):
        actor = self._writer()
        data = validated(ProjectCreateSerializer, request.data)
        pairs = [(p["organization"], p.get("role", "")) for p in data.pop("participants")]
        project = services.project_create(
            cluster=self.cluster(), actor=actor, participants=pairs, **data
        )
        return self._answer(project, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a joint project (the cluster's administrators)",
        request=ProjectWriteSerializer,
        responses={200: ProjectSerializer, **WRITE_ERRORS},
    )
    def partial_update(self, request, cluster_pk=None, pk=None):
        actor = self._writer()
        project = self.get_object()
        data = validated(ProjectWriteSerializer, request.data)
        services.project_update(project=project, actor=actor, **data)
        return self._answer(project)

    @extend_schema(
        summary="Add a participant or change its role",
        request=ParticipantWriteSerializer,
        responses={200: ProjectSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def participants(self, request, cluster_pk=None, pk=None):
        actor = self._writer()
        project = self.get_object()
        data = validated(ParticipantWriteSerializer, request.data)
        services.participant_set(
            project=project,
            actor=actor,
            organization_id=data["organization"],
            role=data.get("role", ""),
        )
        return self._answer(project)

    @extend_schema(
        summary="Remove a participant (never below two)",
        responses={200: ProjectSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["delete"], url_path=r"participants/(?P<organization_pk>\d+)")
    def participant_remove(self, request, cluster_pk=None, pk=None, organization_pk=None):
        actor = self._writer()
        project = self.get_object()
        services.participant_remove(project=project, actor=actor, organization_id=organization_pk)
        return self._answer(project)

    @extend_schema(
        summary="Add a milestone within the project's dates",
        request=MilestoneWriteSerializer,
        responses={201: MilestoneSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def milestones(self, request, cluster_pk=None, pk=None):
        actor = self._writer()
        project = self.get_object()
        data = validated(MilestoneWriteSerializer, request.data)
        milestone = services.milestone_add(project=project, actor=actor, **data)
        return Response(MilestoneSerializer(milestone).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record a milestone's outcome (participants' owners and editors)",
        request=MilestoneRecordSerializer,
        responses={200: MilestoneSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path=r"milestones/(?P<milestone_pk>\d+)/record")
    def milestone_record(self, request, cluster_pk=None, pk=None, milestone_pk=None):
        actor = self._writer()
        project = self.get_object()
        milestone = _one(
            Milestone.objects.filter(project=project).select_related("project__cluster"),
            milestone_pk,
        )
        data = validated(MilestoneRecordSerializer, request.data)
        milestone = services.milestone_record(milestone=milestone, actor=actor, **data)
        return Response(MilestoneSerializer(milestone).data)

    @extend_schema(
        summary="Add what the project needs (a product category)",
        request=NeedWriteSerializer,
        responses={201: NeedSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def needs(self, request, cluster_pk=None, pk=None):
        actor = self._writer()
        project = self.get_object()
        data = validated(NeedWriteSerializer, request.data)
        need = services.need_add(project=project, actor=actor, **data)
        return Response(NeedSerializer(need).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Remove a need", responses={204: None, **WRITE_ERRORS})
    @action(detail=True, methods=["delete"], url_path=r"needs/(?P<need_pk>\d+)")
    def need_remove(self, request, cluster_pk=None, pk=None, need_pk=None):
        actor = self._writer()
        project = self.get_object()
        need = _one(
            ProjectNeed.objects.filter(project=project).select_related("project__cluster"), need_pk
        )
        services.need_remove(need=need, actor=actor)
        return Response(status=status.HTTP_204_NO_CONTENT)
