"""The awards API: awards (with the agreement and its acceptance), payments, and the reports
of actual costs. Members read their organizations' awards, the fund's staff read all; what
the caller may not see is a 404. Errors are problem+json (core.api).

Include `urlpatterns` under /api/v1/ (no app_name: the names are "award-list" and so on).
"""

from django.urls import include, path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from innocluster.core.api import problem_responses, validated
from innocluster.core.files import serve_file
from innocluster.core.parsers import JSON_AND_FILES

from . import selectors, services
from . import serializers as s
from .filters import AwardFilterSet, PaymentFilterSet, ReportFilterSet
from .models import Award, Payment, Report, Tranche

ERRORS = problem_responses(400, 403, 404, 409)
# A PDF, downloaded as bytes (core/files.serve_file sends every download as octet-stream)
PDF = {(200, "application/octet-stream"): bytes, **problem_responses(404)}


@extend_schema_view(
    list=extend_schema(summary="Awards: my organizations' (all of them, for the fund's staff)"),
    retrieve=extend_schema(summary="One award with its agreement, schedule and reports"),
)
class AwardViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    filterset_class = AwardFilterSet
    queryset = Award.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.award_list_visible_to(user=self.request.user)

    def get_serializer_class(self):
        return s.AwardSerializer if self.action == "list" else s.AwardDetailSerializer

    def get_object(self):
        return selectors.award_get_for(user=self.request.user, pk=self.kwargs["pk"])

    def _answer(self, award):
        fresh = selectors.award_get_for(user=self.request.user, pk=award.pk)
        return Response(s.AwardDetailSerializer(fresh).data)

    @extend_schema(
        summary="Accept the agreement for my side (an owner; a fund administrator)",
        description="Send the SHA-256 of the document you read: another hash is a 409 "
        "(`agreement_hash_mismatch`). Accepting again is harmless. The second side's "
        "acceptance puts the agreement in force and sets the payment schedule.",
        request=s.AgreementAcceptSerializer,
        responses={200: s.AwardDetailSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="accept-agreement")
    def accept_agreement(self, request, pk=None):
        award = self.get_object()
        data = validated(s.AgreementAcceptSerializer, request.data)
        services.agreement_accept(agreement=award.agreement, actor=request.user, **data)
        return self._answer(award)

    @extend_schema(summary="Download the agreement (PDF)", responses=PDF)
    @action(detail=True, methods=["get"])
    def agreement(self, request, pk=None):
        agreement = self.get_object().agreement
        name = "agreement-" + agreement.number.replace("/", "-") + ".pdf"
        return serve_file(agreement.file, public=False, download_name=name)


@extend_schema_view(list=extend_schema(summary="Payments of the awards I may see"))
class PaymentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = s.PaymentSerializer
    filterset_class = PaymentFilterSet
    queryset = Payment.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.payment_list_visible_to(user=self.request.user)

    @extend_schema(
        summary="Record a tranche paid (fund administrators)",
        description="Tranches are paid in order, each for exactly its amount; a tranche "
        "whose report is not accepted is held (409, `report_missing`).",
        request=s.PaymentCreateSerializer,
        responses={201: s.PaymentSerializer, **ERRORS},
    )
    def create(self, request):
        data = validated(s.PaymentCreateSerializer, request.data)
        tranche = Tranche.objects.select_related("award__organization").filter(
            pk=data.pop("tranche")
        )
        if not tranche:
            raise NotFound
        payment = services.payment_record(tranche=tranche[0], actor=request.user, **data)
        fresh = self.get_queryset().get(pk=payment.pk)
        return Response(s.PaymentSerializer(fresh).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Reports of actual costs of the awards I may see"),
    retrieve=extend_schema(summary="One report"),
)
class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = s.AwardReportSerializer
    filterset_class = ReportFilterSet
    parser_classes = JSON_AND_FILES
    queryset = Report.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.report_list_visible_to(user=self.request.user)

    def get_object(self):
        return selectors.report_get_for(user=self.request.user, pk=self.kwargs["pk"])

    def _answer(self, report):
        return Response(s.AwardReportSerializer(self.get_queryset().get(pk=report.pk)).data)

    @extend_schema(
        summary="File the report (owners and editors): actual costs and a PDF",
        request={"multipart/form-data": s.AwardReportFileSerializer},
        responses={200: s.AwardReportSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def file(self, request, pk=None):
        report = self.get_object()
        data = validated(s.AwardReportFileSerializer, request.data)
        services.report_file(
            report=report, actor=request.user, actual_costs=data["actual_costs"],
            upload=data["file"],
        )  # fmt: skip
        return self._answer(report)

    @extend_schema(summary="Accept the report (the fund's staff); releases the held tranche",
                   request=None, responses={200: s.AwardReportSerializer, **ERRORS})  # fmt: skip
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        report = self.get_object()
        services.report_accept(report=report, actor=request.user)
        return self._answer(report)

    @extend_schema(summary="Return the report with the reason (the fund's staff)",
                   request=s.ReportReturnSerializer,
                   responses={200: s.AwardReportSerializer, **ERRORS})  # fmt: skip
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        report = self.get_object()
        reason = validated(s.ReportReturnSerializer, request.data)["reason"]
        services.report_return(report=report, actor=request.user, reason=reason)
        return self._answer(report)

    @extend_schema(summary="Download the filed report (PDF)", responses=PDF)
    @action(detail=True, methods=["get"])
    def document(self, request, pk=None):
        report = self.get_object()
        name = f"report-{report.tranche.award_id}-{report.tranche.number}.pdf"
        return serve_file(report.file, public=False, download_name=name)


router = SimpleRouter(trailing_slash=True)
router.register("awards", AwardViewSet, basename="award")
router.register("payments", PaymentViewSet, basename="payment")
router.register("award-reports", ReportViewSet, basename="award-report")
urlpatterns = [path("", include(router.urls))]
