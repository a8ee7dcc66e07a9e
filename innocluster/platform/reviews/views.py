"""Pages of the review pipeline: my applications, the reviewers' queue and the case page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innocluster.core.errors import DomainError
from innocluster.core.forms import form_status
from innocluster.core.listing import filtered_page, page_of
from innocluster.core.views import call_service, run_service

from . import selectors, services
from .choices import CaseAction, Decision
from .filters import CaseQueueFilterSet
from .forms import DecisionForm
from .kinds import kind_get
from .models import CaseEvent
from .pages import pages_for

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
        request, CaseQueueFilterSet, selectors.case_queue_rows(user=request.user), size=PAGE_SIZE
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
    decided = call_service(
        request, services.case_decide, form=form, success=DONE[form.cleaned_data["decision"]],
        case=case, reviewer=request.user, **form.cleaned_data,
    )  # fmt: skip
    if not decided:
        return case_detail(request, pk, form=form, status=form_status(form))
    return redirect("reviews:case", pk=pk)


# The applicant's steps at kind-neutral addresses (/applications/<id>/submit…): the kind's
# own pages take them, so a refusal looks the same whichever address was used.


@login_required
@require_POST
def applicant_submit(request, pk):
    return _kind_pages(request, pk)._submit(request, pk)


@login_required
@require_POST
def applicant_resubmit(request, pk):
    return _kind_pages(request, pk)._resubmit(request, pk)


@login_required
@require_POST
def applicant_withdraw(request, pk):
    return _kind_pages(request, pk)._withdraw(request, pk)


def _kind_pages(request, pk):
    case = selectors.case_get_for_applicant(user=request.user, pk=pk)
    return pages_for(case.kind)
