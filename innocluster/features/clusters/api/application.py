"""The API of the status application (the submission kit's view sets) and of the public
register of intersectoral clusters (with the fund administrators' decisions)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.platform.reviews.api.serializers import (
    CASE_FIELDS,
    CONTACT_FIELDS,
    CaseFieldsSerializer,
    ContactWriteSerializer,
)
from innocluster.platform.reviews.api.submissions import (
    SubmissionApi,
    document_viewset,
    submission_viewset,
)
from innocluster.platform.reviews.models import REASON_MAX_LENGTH

from .. import selectors
from .. import selectors_projects as reads
from ..models import Cluster, ClusterApplication, ClusterApplicationDocument, ClusterStatusChange
from ..models.application import ClusterStatusAction
from ..services import application as applying
from ..services import register as register_services


class ClusterDocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ClusterApplicationDocument
        fields = ["id", "file_name", "size", "sha256", "uploaded_at", "url"]
        extra_kwargs = {"size": {"required": True}}

    def get_url(self, document) -> str:
        return reverse(
            "clusters_api:cluster-application-document-file",
            kwargs={"pk": document.application.case_id, "document_pk": document.pk},
        )


class ClusterDocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ClusterApplicationSerializer(CaseFieldsSerializer, serializers.ModelSerializer):
    documents = ClusterDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = ClusterApplication
        fields = [*CASE_FIELDS, "cluster", *CONTACT_FIELDS, "documents", "history"]


class ClusterApplicationWriteSerializer(ContactWriteSerializer):
    pass


class ClusterApplicationCreateSerializer(ContactWriteSerializer):
    cluster = serializers.IntegerField(
        help_text="The cluster; its lead organization is the applicant of record, and an "
        "owner or editor of any member holding active participant status may apply."
    )


API = SubmissionApi.named(
    applying.CASE_KIND,
    __import__(__name__, fromlist=["*"]),
    "ClusterApplication",
    "ClusterDocument",
    create_summary="Open a draft for a cluster (any member with participant status applies)",
    document_summary="Attach a PDF document (at most 10 MB)",
)


class ClusterApplicationViewSet(submission_viewset(API)):
    def with_relations(self, queryset):
        return super().with_relations(queryset).select_related("cluster")

    def applicant(self, data):
        """The cluster's lead applies; the caller acts for any member with active
        participant status (the service checks it: 404 otherwise)."""
        data["cluster"] = selectors.cluster_get_visible(user=self.request.user, pk=data["cluster"])
        return data["cluster"].lead_organization

    def create_draft(self, *, organization, data):
        return applying.cluster_application_create(actor=self.request.user, **data)


class ClusterDocumentViewSet(document_viewset(API)):
    """One document of a cluster's application: download it, or remove it from a draft."""


class ClusterStatusChangeSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", default="", read_only=True)

    class Meta:
        model = ClusterStatusChange
        fields = ["at", "action", "status", "reason", "counting_members", "case"]


class ClusterRegisterEntrySerializer(serializers.ModelSerializer):
    lead_organization = serializers.SerializerMethodField()
    member_count = serializers.IntegerField(read_only=True)
    history = ClusterStatusChangeSerializer(source="status_changes", many=True, read_only=True)
    below_minimum_since = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Cluster
        fields = [
            "register_number",
            "id",
            "name",
            "status",
            "status_changed_at",
            "lead_organization",
            "member_count",
            "below_minimum_since",
            "history",
        ]

    def get_lead_organization(self, cluster) -> dict:
        lead = cluster.lead_organization
        return {"id": lead.pk, "short_name": lead.short_name, "inn": lead.inn}


class ClusterStatusDecisionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=[(a, ClusterStatusAction(a).label) for a in register_services.FUND_ACTIONS]
    )
    reason = serializers.CharField(max_length=REASON_MAX_LENGTH)


@extend_schema_view(
    list=extend_schema(summary="The public register of intersectoral clusters"),
    retrieve=extend_schema(summary="One entry of the register with its history"),
)
class ClusterRegisterViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = ClusterRegisterEntrySerializer
    permission_classes = [AllowAny]
    lookup_field = "register_number"
    queryset = Cluster.objects.none()

    def get_queryset(self):
        return reads.register_list(user=self.request.user).prefetch_related("status_changes__case")

    @extend_schema(
        summary="A fund administrator's decision: suspend, keep below 30, restore or revoke",
        request=ClusterStatusDecisionSerializer,
        responses={200: ClusterRegisterEntrySerializer, **problem_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def decide(self, request, register_number=None):
        cluster = self.get_object()
        data = validated(ClusterStatusDecisionSerializer, request.data)
        register_services.cluster_status_change(cluster=cluster, actor=request.user, **data)
        return Response(ClusterRegisterEntrySerializer(self.get_queryset().get(pk=cluster.pk)).data)
