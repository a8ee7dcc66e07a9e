"""The award pages: "my awards", and one award with its agreement, schedule, reports and
payments, and the buttons of whoever may act now. Every write goes through awards.services."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.files import serve_file
from innocluster.core.forms import form_status
from innocluster.core.listing import filtered_page
from innocluster.core.views import call_service
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import abilities_of, membership_role

from ..choices import ReportState, TrancheState
from . import selectors, services
from .filters import AwardFilterSet
from .forms import AcceptForm, PaymentForm, ReportForm, ReturnForm

PAGE_SIZE = 25


@login_required
def award_list(request):
    """The awards of the caller's organizations (all awards, for the fund's staff)."""
    awards = selectors.award_list_visible_to(user=request.user)
    context, status = filtered_page(request, AwardFilterSet, awards, size=PAGE_SIZE)
    return render(request, "support/awards/list.html", context, status=status)


@login_required
def award(request, pk):
    return _page(request, selectors.award_get_for(user=request.user, pk=pk))


def _page(request, award, *, status=200, bound=None):
    """The award page; `bound` is the form sent back with its errors (by its prefix)."""
    user, agreement = request.user, award.agreement
    role = membership_role(user=user, organization=award.organization)
    for_fund = user.is_fund_staff and role is None
    tranches = list(award.tranches.all())
    # hasattr: a tranche without a report (the advance) raises an AttributeError subclass.
    reports = [t.report for t in tranches if hasattr(t, "report")]
    for report in reports:
        report.file_form = _form(ReportForm, f"report-{report.pk}", bound)
        report.return_form = _form(ReturnForm, f"return-{report.pk}", bound)
    side = selectors.acceptance_side(user=user, award=award)
    context = {
        "award": award,
        "agreement": agreement,
        "tranches": tranches,
        "reports": reports,
        "payments": [t.payment for t in tranches if t.state == TrancheState.PAID],
        "accept_side": side if side and not getattr(agreement, f"{side}_accepted_at") else None,
        "accept_form": _form(AcceptForm, "accept", bound, initial={"sha256": agreement.sha256}),
        "may_file": APPLY in abilities_of(user=user, role=role),
        "for_fund": for_fund,
        "fund_admin": for_fund and user.is_fund_admin,
        "next_tranche": next((t for t in tranches if t.state != TrancheState.PAID), None),
        "payment_form": _form(PaymentForm, "payment", bound),
        "ReportState": ReportState,
    }
    return render(request, "support/awards/award.html", context, status=status)


def _form(form_class, prefix, bound, **kwargs):
    if bound is not None and bound.prefix == prefix:
        return bound
    return form_class(prefix=prefix, **kwargs)


def _act(request, award, form, action, success: str):
    """Run `action(cleaned_data)` on a valid form: back to the award with `success`, or the
    page again with the form's errors (400, or the refusal's own status; 404 as a 404)."""
    if form.is_valid() and call_service(
        request, action, form=form, success=success, default_field=next(iter(form.fields)),
        data=form.cleaned_data,
    ):  # fmt: skip
        return redirect("support:award", pk=award.pk)
    return _page(request, award, status=form_status(form), bound=form)


@login_required
def agreement_file(request, pk):
    """The agreement PDF, to the organization's people and the fund's staff only."""
    agreement = selectors.award_get_for(user=request.user, pk=pk).agreement
    name = "agreement-" + agreement.number.replace("/", "-") + ".pdf"
    return serve_file(agreement.file, public=False, download_name=name)


@login_required
@require_POST
def agreement_accept(request, pk):
    award = selectors.award_get_for(user=request.user, pk=pk)
    form = AcceptForm(request.POST, prefix="accept")

    def accept(data):
        services.agreement_accept(
            agreement=award.agreement, actor=request.user, sha256=data["sha256"]
        )

    return _act(request, award, form, accept, _("The agreement is accepted."))


@login_required
@require_POST
def payment_record(request, pk, number):
    award = selectors.award_get_for(user=request.user, pk=pk)
    tranche = selectors.tranche_get(award=award, number=number)
    form = PaymentForm(request.POST, prefix="payment")

    def pay(data):
        services.payment_record(tranche=tranche, actor=request.user, **data)

    return _act(request, award, form, pay, _("The payment is recorded."))


@login_required
@require_POST
def report_file(request, pk, report_pk):
    award = selectors.award_get_for(user=request.user, pk=pk)
    report = selectors.report_get_for(user=request.user, pk=report_pk, award=award)
    form = ReportForm(request.POST, request.FILES, prefix=f"report-{report.pk}")

    def file(data):
        services.report_file(
            report=report, actor=request.user, actual_costs=data["actual_costs"],
            upload=data["file"],
        )  # fmt: skip

    return _act(request, award, form, file, _("The report is filed; the fund will check it."))


@login_required
@require_POST
def report_accept(request, pk, report_pk):
    award = selectors.award_get_for(user=request.user, pk=pk)
    report = selectors.report_get_for(user=request.user, pk=report_pk, award=award)
    accepted = call_service(
        request, services.report_accept, success=_("The report is accepted."), report=report,
        actor=request.user,
    )  # fmt: skip
    if not accepted:
        return _page(request, award, status=accepted.status)
    return redirect("support:award", pk=award.pk)


@login_required
@require_POST
def report_return(request, pk, report_pk):
    award = selectors.award_get_for(user=request.user, pk=pk)
    report = selectors.report_get_for(user=request.user, pk=report_pk, award=award)
    form = ReturnForm(request.POST, prefix=f"return-{report.pk}")

    def send_back(data):
        services.report_return(report=report, actor=request.user, reason=data["reason"])

    return _act(request, award, form, send_back, _("The report is returned."))


@login_required
def report_download(request, pk, report_pk):
    award = selectors.award_get_for(user=request.user, pk=pk)
    report = selectors.report_get_for(user=request.user, pk=report_pk, award=award)
    name = f"report-{award.agreement.number.replace('/', '-')}-{report.tranche.number}.pdf"
    return serve_file(report.file, public=False, download_name=name)
