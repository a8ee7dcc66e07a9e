"""Pages of KPI reporting: my organizations' reports (from the cabinet), a report (the
submission kit's pages), and the fund's campaign pages: open one, its progress and who has not
filed, each with a link to the register's own revocation action."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innocluster.core.calendar import moscow_date
from innocluster.core.filters import id_or_none
from innocluster.core.forms import form_status
from innocluster.core.views import call_service
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_get_for
from innocluster.platform.reviews.pages import SubmissionPages

from . import selectors, services
from .forms import CampaignForm, ReportDocumentForm, ReportForm
from .kind import CASE_KIND


class ReportPages(SubmissionPages):
    kind = CASE_KIND
    template = "kpireports/report.html"
    form_class, document_form_class = ReportForm, ReportDocumentForm
    draft_ready = gettext_lazy(
        "The report is filled from what the platform knows: check each figure against last "
        "year's, correct it where needed and submit."
    )
    info_requested_help = gettext_lazy(
        "Answer the fund's questions: correct the figures or explain them in the comment, then "
        "send the report back."
    )

    def restart_url(self, submission) -> str:
        return reverse("kpireports:mine")


report_pages = ReportPages()


@login_required
def mine(request):
    """The reports my organizations owe in open campaigns, and every report they filed."""
    context = {
        "dues": selectors.dues_of(user=request.user),
        "reports": selectors.reports_of(user=request.user),
        "today": moscow_date(),
    }
    return render(request, "kpireports/mine.html", context)


@login_required
@require_POST
def report_open(request):
    organization = organization_get_for(
        user=request.user, pk=id_or_none(request.POST.get("organization")), ability=APPLY
    )
    outcome = call_service(
        request,
        _open,
        year=id_or_none(request.POST.get("year")),
        organization=organization,
        actor=request.user,
    )
    if outcome:
        return redirect("kpireports:application", pk=outcome.result.case_id)
    return redirect("kpireports:mine")


def _open(*, year, organization, actor):
    campaign = services.open_campaign_for(year)
    return services.report_open(campaign=campaign, organization=organization, actor=actor)


def catalogue(request):
    """The KPI catalogue: what each indicator means and how it is counted (public)."""
    return render(request, "kpireports/catalogue.html", {"indicators": selectors.catalogue()})


def _require_staff(request):
    if not (request.user.is_authenticated and request.user.is_fund_staff):
        raise Http404


@login_required
def campaigns(request, *, form=None, status=200):
    _require_staff(request)
    context = {
        "campaigns": [
            (campaign, selectors.campaign_progress(campaign))
            for campaign in selectors.campaign_list()
        ],
        "form": form or CampaignForm(),
        "may_open": request.user.is_fund_admin,
    }
    return render(request, "kpireports/campaigns.html", context, status=status)


@login_required
@require_POST
def campaign_open(request):
    _require_staff(request)
    form = CampaignForm(request.POST)
    if form.is_valid() and call_service(
        request,
        services.campaign_open,
        form=form,
        success=_("The campaign is open: every participant has a report to file."),
        actor=request.user,
        **form.cleaned_data,
    ):
        return redirect("kpireports:campaign", year=form.cleaned_data["year"])
    return campaigns(request, form=form, status=form_status(form))


@login_required
def campaign(request, year):
    _require_staff(request)
    campaign = selectors.campaign_get(year=year)
    overdue = moscow_date() > campaign.deadline
    not_filed = selectors.not_filed(campaign)
    page = selectors.with_status(not_filed[:200]) if overdue else []
    context = {
        "campaign": campaign,
        "progress": selectors.campaign_progress(campaign),
        "overdue": overdue,
        "not_filed": page,
        "revoke_query": selectors.REVOKE_QUERY,
        "may_revoke": request.user.is_fund_admin,
    }
    return render(request, "kpireports/campaign.html", context)
