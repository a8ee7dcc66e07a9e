"""Pages of the review pipeline: my applications, the reviewers' queue and the case page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innocluster.core.errors import DomainError
from innocluster.core.forms import apply_errors
from innocluster.core.listing import filtered_page, page_of
from innocluster.core.views import run_service

from . import selectors, services
from .choices import CaseAction, Decision
from .filters import CaseQueueFilterSet
from .forms import DecisionForm, MessageForm
from .kinds import kind_get
from .models import CaseEvent

PAGE_SIZE = 25
DONE = {
    Decision.APPROVE: gettext_lazy("The case is approved."),
    Decision.REJECT: gettext_lazy("The case is rejected."),
    Decision.REQUEST_INFO: gettext_lazy("The applicant is asked for the missing information."),
}


@login_required
def my_applications(request):
    """Every application of every organization I belong to, each with its timeline."""
    cases = (
        selectors.case_list_for_user(user=request.user)
        .order_by("-created_at")
        .prefetch_related(Prefetch("events", queryset=CaseEvent.objects.select_related("actor")))
    )
    page = page_of(request, cases, size=PAGE_SIZE)
    for case in page:
        case.applicant_url = kind_get(case.kind).applicant_url(case)
    return render(request, "reviews/mine.html", {"page": page})


@login_required
def queue(request):
    """One queue across every kind the reviewer may decide, due soonest first."""
    if not selectors.reviewable_kinds(user=request.user):
        raise PermissionDenied
    context, status = filtered_page(
        request, CaseQueueFilterSet, selectors.case_queue(user=request.user), size=PAGE_SIZE
    )
    return render(request, "reviews/queue.html", context, status=status)


@login_required
def case_detail(request, pk, form=None, status=200):
    case = selectors.case_get_for_reviewer(user=request.user, pk=pk)
    kind = kind_get(case.kind)
    try:
        services.require_reviewer(case=case, user=request.user)
        may_decide = True
    except DomainError as refusal:
        may_decide, refusal_text = False, refusal.detail
    context = {
        "case": case,
        "kind": kind,
        "organization": case.organization,
        "submission": kind.submission_of(case),
        "history": selectors.case_history(case=case),
        "may_decide": may_decide and case.status in services.TRANSITIONS[CaseAction.APPROVED][0],
        "may_take": may_decide and case.status in services.TRANSITIONS[CaseAction.TAKEN][0],
        "refusal": None if may_decide else refusal_text,
        "form": form or DecisionForm(),
    }
    return render(request, "reviews/case.html", context, status=status)


@login_required
@require_POST
def case_take(request, pk):
    case = selectors.case_get_for_reviewer(user=request.user, pk=pk)
    success = _("You took the case into review.")
    run_service(request, services.case_take, success, case=case, reviewer=request.user)
    return redirect("reviews:case", pk=pk)


@login_required
@require_POST
def case_decide(request, pk):
    case = selectors.case_get_for_reviewer(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return case_detail(request, pk, form=form, status=400)
    try:
        services.case_decide(case=case, reviewer=request.user, **form.cleaned_data)
    except (ValidationError, DomainError) as error:
        apply_errors(form, error)
        return case_detail(request, pk, form=form, status=getattr(error, "status", 400))
    messages.success(request, DONE[form.cleaned_data["decision"]])
    return redirect("reviews:case", pk=pk)


# The applicant's steps for kinds whose page is plain (support measures): the refusal is shown
# as messages on the applicant's page, each missing item on its own line.


@login_required
@require_POST
def applicant_submit(request, pk):
    case = selectors.case_get_for_applicant(user=request.user, pk=pk)
    success = _("Submitted. The fund's decision is due by the date shown.")
    _applicant_step(request, services.case_submit, success, case=case, actor=request.user)
    return redirect(kind_get(case.kind).applicant_url(case))


@login_required
@require_POST
def applicant_resubmit(request, pk):
    case = selectors.case_get_for_applicant(user=request.user, pk=pk)
    form = MessageForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    success = _("Sent back to the fund; the clock runs again.")
    _applicant_step(
        request, services.case_resubmit, success, case=case, actor=request.user, message=message
    )
    return redirect(kind_get(case.kind).applicant_url(case))


@login_required
@require_POST
def applicant_withdraw(request, pk):
    case = selectors.case_get_for_applicant(user=request.user, pk=pk)
    reason = request.POST.get("reason", "")[:4000]
    success = _("The application is withdrawn.")
    _applicant_step(
        request, services.case_withdraw, success, case=case, actor=request.user, reason=reason
    )
    return redirect(kind_get(case.kind).applicant_url(case))


def _applicant_step(request, step, success: str, **kwargs) -> None:
    try:
        step(**kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except DomainError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, success)
