"""The yearly KPI report as a kind of the one review pipeline (case numbers KPI-…).

The draft is opened by an owner or editor of an organization that owes the campaign a report
(services.report_open), filled from what the platform knows (sources.py); the company confirms
or corrects the figures and submits. Filing after the deadline is allowed and marked late. The
fund accepts the report (the kit's approval: its figures become AcceptedFigure rows) or
returns it with questions (the kit's request for information); an accepted report is final —
the kit refuses any later step with `case_state` (409)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.calendar import moscow_date
from innocluster.core.errors import NotFound
from innocluster.platform.reviews.kinds import CONTACT_FIELDS, ReviewKind, missing_contact, register

from .errors import KpiErrorCode as Code
from .models import (
    AcceptedFigure,
    Campaign,
    KpiReport,
    KpiReportDocument,
    ReportDue,
    period_end_of,
)
from .sources import known_figures

CASE_KIND = "kpireports.report"


class KpiReportKind(ReviewKind):
    code, prefix = CASE_KIND, "KPI"  # case numbers KPI-000042
    label = gettext_lazy("yearly KPI report")
    model, document_model = KpiReport, KpiReportDocument
    editable_fields = ("figures", "comment", *CONTACT_FIELDS)
    creation_fields = ("campaign",)
    # Last year's report may still be with the fund when this year's campaign opens: the
    # campaign's ReportDue row keeps one report per organization and year instead.
    one_open_per_organization = False
    max_documents = 10
    url_namespace = "kpireports"

    @property
    def detail_template(self) -> str:
        return "kpireports/includes/report_detail.html"

    def draft_values(self, *, organization, actor, fields):
        campaign = fields.get("campaign")
        if not isinstance(campaign, Campaign) or organization is None:
            raise NotFound(_("Report not found."))
        if not ReportDue.objects.filter(campaign=campaign, organization=organization).exists():
            text = _("%(name)s owes no KPI report for %(year)s.") % {
                "name": organization.short_name,
                "year": campaign.year,
            }
            raise ValidationError({"year": ValidationError(text, code=Code.NOT_DUE)})
        values = super().draft_values(organization=organization, actor=actor, fields=fields)
        prefill = known_figures(
            organization_id=organization.pk, year=campaign.year, codes=campaign.indicator_codes
        )
        figures = {code: entry["value"] for code, entry in prefill.items()}
        return {**values, "campaign": campaign, "prefill": prefill, "figures": figures}

    def submission_queryset(self):
        return super().submission_queryset().select_related("campaign")

    def check_complete(self, case):
        report = case.kpi_report
        errors = missing_contact(report)
        missing = [
            ValidationError(_("Fill in: «%(name)s».") % {"name": indicator.name},
                            code=Code.MISSING_FIGURE)
            for indicator in report.campaign.indicators()
            if indicator.required and indicator.code not in report.figures
        ]  # fmt: skip
        if missing:
            errors["figures"] = missing
        if errors:
            raise ValidationError(errors)

    def on_submit(self, case, actor):
        """The first filing is the one that counts for the deadline (Moscow, day included)."""
        super().on_submit(case, actor)
        report = case.kpi_report
        if report.filed_at is None:
            report.filed_at = timezone.now()
            report.late = moscow_date(report.filed_at) > report.campaign.deadline
            report.save(update_fields=["filed_at", "late", "updated_at"])

    def on_approve(self, case, actor):
        """The accepted figures, as accepted, in the decision's transaction."""
        from .figures import as_number

        report = case.kpi_report
        year = report.campaign.year
        AcceptedFigure.objects.filter(organization_id=case.organization_id, year=year).delete()
        AcceptedFigure.objects.bulk_create(
            AcceptedFigure(
                organization_id=case.organization_id,
                year=year,
                period_end=period_end_of(year),
                indicator_code=code,
                value=as_number(value),
                countries=value if isinstance(value, list) else [],
                report=report,
            )
            for code, value in report.figures.items()
        )


register(KpiReportKind())
