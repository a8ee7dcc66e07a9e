"""The API of pilot proposals (the submission kit's view sets), of pilots and of the sites'
consent."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from innocluster.core.api import problem_responses, validated
from innocluster.core.fields import BoundedListField
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

from .. import consent as consenting
from .. import plan as planning
from .. import proposal as proposing
from .. import selectors, testing
from ..choices import MAX_KPIS, MAX_PROPOSED_SITES, KpiUnit, ProposalDocumentType
from ..models import (
    Pilot,
    PilotNote,
    PilotProposal,
    PilotProposalDocument,
    PilotSite,
    SiteConsent,
    TestPlan,
)


class KpiSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    unit = serializers.ChoiceField(choices=KpiUnit.choices)
    target = serializers.DecimalField(max_digits=16, decimal_places=4, coerce_to_string=True)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return {**value, "target": format(value["target"].normalize(), "f")}


class KpiReadSerializer(serializers.Serializer):
    name = serializers.CharField()
    unit = serializers.ChoiceField(choices=KpiUnit.choices)
    target = serializers.CharField(help_text="A decimal number, as typed: «95», «12.5».")


class PilotProposalDocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = PilotProposalDocument
        fields = ["id", "doc_type", "file_name", "size", "sha256", "uploaded_at", "url"]
        extra_kwargs = {"size": {"required": True}}

    def get_url(self, document) -> str:
        return reverse(
            "pilots_api:pilot-proposal-document-file",
            kwargs={"pk": document.application.case_id, "document_pk": document.pk},
        )


class PilotProposalDocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    doc_type = serializers.ChoiceField(choices=ProposalDocumentType.choices)


PROPOSAL_READ_FIELDS = ["product", *proposing.PROPOSAL_FIELDS]


class PilotProposalSerializer(CaseFieldsSerializer, serializers.ModelSerializer):
    documents = PilotProposalDocumentSerializer(many=True, read_only=True)
    sites = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    kpis = KpiReadSerializer(many=True, read_only=True)
    pilot = serializers.SerializerMethodField()

    class Meta:
        model = PilotProposal
        fields = [
            *CASE_FIELDS,
            *PROPOSAL_READ_FIELDS,
            *CONTACT_FIELDS,
            "documents",
            "history",
            "pilot",
        ]

    def get_pilot(self, proposal) -> int | None:
        pilot = getattr(proposal, "pilot", None) if proposal.case.status == "approved" else None
        return pilot.pk if pilot else None


class PilotProposalWriteSerializer(ContactWriteSerializer):
    solution = serializers.CharField(max_length=300, required=False)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    trl = serializers.IntegerField(min_value=1, max_value=9, required=False)
    trl_reason = serializers.CharField(max_length=2_000, required=False, allow_blank=True)
    what_to_test = serializers.CharField(max_length=5_000, required=False, allow_blank=True)
    sites = serializers.ListField(
        child=serializers.IntegerField(), max_length=MAX_PROPOSED_SITES, required=False
    )
    fund_picks_site = serializers.BooleanField(required=False)
    kpis = BoundedListField(child=KpiSerializer(), required=False, max_length=MAX_KPIS)
    duration_weeks = serializers.IntegerField(
        min_value=1, max_value=52, required=False, allow_null=True
    )
    site_needs = serializers.CharField(max_length=5_000, required=False, allow_blank=True)


class PilotProposalCreateSerializer(PilotProposalWriteSerializer):
    organization = serializers.IntegerField(
        help_text="The company proposing (an active participant)."
    )
    product = serializers.IntegerField(help_text="The product to test, one of the company's.")


API = SubmissionApi.named(
    proposing.CASE_KIND,
    __import__(__name__, fromlist=["*"]),
    "PilotProposal",
    "PilotProposalDocument",
    create_summary="Open a pilot proposal for one of the company's products",
    document_summary="Attach a certificate or the insurance policy (a PDF of at most 10 MB)",
)


class PilotProposalViewSet(submission_viewset(API)):
    def with_relations(self, queryset):
        return super().with_relations(queryset).select_related("pilot")

    def create_draft(self, *, organization, data):
        product = data.pop("product")
        return proposing.proposal_create(
            organization=organization, actor=self.request.user, product=product, **data
        )


class PilotProposalDocumentViewSet(document_viewset(API)):
    """One document of a pilot proposal: download it, or remove it from a draft."""


# --- pilots and the sites' consent -----------------------------------------------------------


class PilotNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = PilotNote
        fields = ["id", "kind", "side", "on", "text", "at"]
        read_only_fields = ["id", "side", "at"]
        extra_kwargs = {"on": {"required": False}}


class SiteConsentSerializer(serializers.ModelSerializer):
    site_name = serializers.CharField(source="site.name", read_only=True)

    class Meta:
        model = SiteConsent
        fields = ["id", "site", "site_name", "status", "due", "reason", "answered_at"]


class PilotSerializer(serializers.ModelSerializer):
    kpis = KpiReadSerializer(many=True, read_only=True)
    consents = SiteConsentSerializer(many=True, read_only=True)
    notes = PilotNoteSerializer(many=True, read_only=True)
    proposal = serializers.IntegerField(source="proposal.case_id", read_only=True, allow_null=True)

    class Meta:
        model = Pilot
        fields = [
            "id",
            "organization",
            "proposal",
            "title",
            "what_to_test",
            "kpis",
            "duration_weeks",
            "status",
            "status_changed_at",
            "status_reason",
            "consents",
            "notes",
        ]


class PilotStepReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2_000, required=False, allow_blank=True, default="")


class ConsentAnswerSerializer(serializers.Serializer):
    consent = serializers.IntegerField()
    agree = serializers.BooleanField()
    reason = serializers.CharField(max_length=2_000, required=False, allow_blank=True, default="")


class ProposeSiteSerializer(serializers.Serializer):
    site = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(summary="The pilots I take part in (company, site, or the fund: all)"),
    retrieve=extend_schema(summary="One pilot with its sites' consent"),
)
class PilotViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PilotSerializer
    permission_classes = [IsAuthenticated]
    queryset = Pilot.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.pilot_list_visible(user=self.request.user)

    def get_object(self):
        return selectors.pilot_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    def _answer(self, pilot):
        return Response(PilotSerializer(self.get_queryset().get(pk=pilot.pk)).data)

    @extend_schema(
        summary="A site's answer: agree, or decline with a reason (its responsible people)",
        request=ConsentAnswerSerializer,
        responses={200: PilotSerializer, **problem_responses(400, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def consent(self, request, pk=None):
        pilot = self.get_object()
        data = validated(ConsentAnswerSerializer, request.data)
        consent = selectors.consent_get_answerable(
            user=request.user, pilot=pilot, pk=data["consent"]
        )
        consenting.consent_answer(
            consent=consent, actor=request.user, agree=data["agree"], reason=data["reason"]
        )
        return self._answer(pilot)

    @extend_schema(
        summary="Start the test (the company or the site): only with the plan agreed by all",
        request=None,
        responses={200: PilotSerializer, **problem_responses(403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        pilot = self.get_object()
        planning.pilot_start(pilot=pilot, actor=request.user)
        return self._answer(pilot)

    def _step(self, service, **kwargs):
        pilot = self.get_object()
        service(pilot=pilot, actor=self.request.user, **kwargs)
        return self._answer(pilot)

    @extend_schema(
        summary="Pause the running test, with a reason (the company or the site)",
        request=PilotStepReasonSerializer,
        responses={200: PilotSerializer, **problem_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def pause(self, request, pk=None):
        return self._step(testing.pilot_pause, **validated(PilotStepReasonSerializer, request.data))

    @extend_schema(
        summary="Resume a paused test",
        request=None,
        responses={200: PilotSerializer, **problem_responses(403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return self._step(testing.pilot_resume)

    @extend_schema(
        summary="Stop the test early, with a reason",
        request=PilotStepReasonSerializer,
        responses={200: PilotSerializer, **problem_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def stop(self, request, pk=None):
        return self._step(testing.pilot_stop, **validated(PilotStepReasonSerializer, request.data))

    @extend_schema(
        summary="The test ran its course",
        request=None,
        responses={200: PilotSerializer, **problem_responses(403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        return self._step(testing.pilot_finish)

    @extend_schema(
        summary="A dated note or incident of the running test (the company or the site)",
        request=PilotNoteSerializer,
        responses={200: PilotSerializer, **problem_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        return self._step(testing.note_add, **validated(PilotNoteSerializer, request.data))

    @extend_schema(
        summary="The fund proposes another site for a pilot awaiting consent",
        request=ProposeSiteSerializer,
        responses={200: PilotSerializer, **problem_responses(400, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="propose-site")
    def propose_site(self, request, pk=None):
        pilot = self.get_object()
        data = validated(ProposeSiteSerializer, request.data)
        site = PilotSite.objects.filter(pk=data["site"], is_published=True).first()
        if site is None:
            from innocluster.core.errors import NotFound

            raise NotFound("Pilot site not found.")
        consenting.consent_propose_site(pilot=pilot, actor=request.user, site=site)
        return self._answer(pilot)


# --- the test plan and the start -------------------------------------------------------------


class TestPlanSerializer(serializers.ModelSerializer):
    kpis = KpiReadSerializer(many=True, read_only=True)

    class Meta:
        model = TestPlan
        fields = [
            "starts_on",
            "ends_on",
            "kpis",
            "site_provides",
            "results_ownership",
            "confidential",
            "version",
            "company_agreed_at",
            "site_agreed_at",
            "fund_agreed_at",
            "agreed_at",
            "sha256",
        ]


class TestPlanWriteSerializer(serializers.Serializer):
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)
    kpis = BoundedListField(child=KpiSerializer(), required=False, max_length=MAX_KPIS)
    site_provides = serializers.CharField(max_length=5_000, required=False, allow_blank=True)
    results_ownership = serializers.CharField(
        max_length=3_000, required=False, allow_blank=True, help_text="Blank: the standard terms."
    )
    confidential = serializers.CharField(max_length=3_000, required=False, allow_blank=True)


class PlanAgreeSerializer(serializers.Serializer):
    party = serializers.ChoiceField(choices=[(p, p) for p in planning.PARTIES])
    version = serializers.IntegerField(
        required=False, help_text="The version read; a 409 if the plan changed since."
    )


class PilotPlanViewSet(viewsets.GenericViewSet):
    """The test plan of a pilot: read it, change it, agree it (company, site, fund)."""

    serializer_class = TestPlanSerializer
    permission_classes = [IsAuthenticated]
    queryset = TestPlan.objects.none()

    def _pilot(self):
        return selectors.pilot_get_visible(user=self.request.user, pk=self.kwargs["pk"])

    def _answer(self, pilot):
        plan = TestPlan.objects.filter(pilot=pilot).first() or TestPlan(
            pilot=pilot, kpis=pilot.kpis
        )
        return Response(TestPlanSerializer(plan).data)

    @extend_schema(
        summary="A pilot's test plan", responses={200: TestPlanSerializer, **problem_responses(404)}
    )
    def retrieve(self, request, pk=None):
        return self._answer(self._pilot())

    @extend_schema(
        summary="Change the test plan (withdraws the agreements given)",
        request=TestPlanWriteSerializer,
        responses={200: TestPlanSerializer, **problem_responses(400, 404, 409)},
    )
    def partial_update(self, request, pk=None):
        pilot = self._pilot()
        planning.plan_update(
            pilot=pilot, actor=request.user, **validated(TestPlanWriteSerializer, request.data)
        )
        return self._answer(pilot)

    @extend_schema(
        summary="Agree the test plan for the company, the site or the fund",
        request=PlanAgreeSerializer,
        responses={200: TestPlanSerializer, **problem_responses(400, 403, 404, 409)},
    )
    def agree(self, request, pk=None):
        pilot = self._pilot()
        planning.plan_agree(
            pilot=pilot, actor=request.user, **validated(PlanAgreeSerializer, request.data)
        )
        return self._answer(pilot)
