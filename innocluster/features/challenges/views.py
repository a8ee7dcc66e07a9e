"""Pages of city challenges: the catalogue, a challenge, posting one, an entry (its edits,
documents, co-applicants' confirmation, an evaluator's scores, the poster's decision and, once
published, the results), an evaluator's list and the evaluation board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.files import serve_file
from innocluster.core.filters import id_or_none
from innocluster.core.forms import form_status
from innocluster.core.listing import filtered_page, page_of, render_catalogue
from innocluster.core.views import call_service, run_service

from . import selectors as sel
from . import services
from .filters import ChallengeFilterSet
from .forms import (
    AssignForm,
    ChallengeForm,
    DecisionForm,
    DocumentForm,
    EntryForm,
    NewEntryForm,
    ScoreForm,
)
from .models import Evaluator

PAGE_SIZE = 20
BOARD_PAGE_SIZE = 50


def catalogue(request):
    context, status = filtered_page(
        request, ChallengeFilterSet, sel.challenge_list(), size=PAGE_SIZE, facets=True
    )
    context["may_post"] = sel.posting_organizations(user=request.user).exists()
    return render_catalogue(
        request, context, page="challenges/catalogue.html",
        results="challenges/includes/catalogue_results.html", status=status,
    )  # fmt: skip


@login_required
def create(request):
    organizations = sel.posting_organizations(user=request.user)
    if not organizations.exists():
        raise Http404
    form = ChallengeForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            request, services.challenge_create, form=form,
            success=_("The challenge is posted."), actor=request.user, **form.service_values(),
        )  # fmt: skip
        if outcome:
            return redirect("challenges:detail", pk=outcome.result.pk)
    return render(request, "challenges/create.html", {"form": form}, status=form_status(form))


def detail(request, pk):
    challenge = sel.challenge_get(pk=pk)
    user = request.user
    context = {
        "challenge": challenge,
        "criteria": challenge.criteria.all(),
        "entries": sel.entry_list_visible(user=user, challenge=challenge),
        "may_run": sel.may_run(user=user, challenge=challenge),
        "evaluator": sel.evaluator_of(user=user, challenge=challenge),
        "may_enter": challenge.is_open() and sel.entering_organizations(user=user).exists(),
    }
    return render(request, "challenges/detail.html", context)


@login_required
def enter(request, pk):
    challenge = sel.challenge_get(pk=pk)
    organizations = sel.entering_organizations(user=request.user)
    form = NewEntryForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            request, services.entry_submit, form=form, success=_("The entry is submitted."),
            challenge=challenge, actor=request.user, **form.cleaned_data,
        )  # fmt: skip
        if outcome:
            return redirect("challenges:entry", pk=outcome.result.pk)
    context = {"challenge": challenge, "form": form}
    return render(request, "challenges/enter.html", context, status=form_status(form))


def entry(request, pk, forms=None):
    entry = sel.entry_get_visible(user=request.user, pk=pk)
    challenge = entry.challenge
    user = request.user
    forms = forms or {}
    own = entry.organization_id in sel.organization_ids_of(user, sel.ACTING)
    context = {
        "entry": entry,
        "challenge": challenge,
        "own": own,
        "editable": own and challenge.is_open(),
        "edit_form": forms.get("edit") or EntryForm(instance=entry),
        "document_form": forms.get("document") or DocumentForm(),
        "confirmable": [
            p
            for p in entry.partners.all()
            if p.confirmed_at is None
            and challenge.is_open()
            and p.organization_id in sel.organization_ids_of(user, sel.ACTING)
        ],
        "decidable": sel.is_poster_person(user=user, challenge=challenge)
        and challenge.stage() == "evaluating",
        "decision_form": forms.get("decision")
        or DecisionForm(initial={"decision": entry.decision, "reason": entry.reason}),
        "results": sel.entry_results(entry=entry)
        if challenge.results_published_at and sel.is_entrant_person(user=user, entry=entry)
        else None,
    }
    context["scoring"] = _scoring(user, entry)
    if challenge.stage() == "evaluating" and sel.may_run(user=user, challenge=challenge):
        context["assign_form"] = AssignForm(evaluators=challenge.evaluators.select_related("user"))
    return render(request, "challenges/entry.html", context)


def _scoring(user, entry):
    """[(criterion, its form)] for an evaluator assigned to the entry while evaluating."""
    if entry.challenge.stage() != "evaluating":
        return None
    try:
        assignment = sel.assignment_get(user=user, entry=entry)
    except Http404:
        return None
    given = {s.criterion_id: s for s in assignment.scores.all()}
    return [
        (c, ScoreForm(initial={"criterion": c.pk, "score": getattr(given.get(c.pk), "score", None),
                               "comment": getattr(given.get(c.pk), "comment", "")}))
        for c in entry.challenge.criteria.all()
    ]  # fmt: skip


@login_required
@require_POST
def entry_edit(request, pk):
    entry = sel.entry_get_own(user=request.user, pk=pk)
    form = EntryForm(request.POST, instance=entry)
    if form.is_valid() and call_service(
        request, services.entry_update, form=form, success=_("The entry is saved."),
        entry=entry, actor=request.user, **form.cleaned_data,
    ):  # fmt: skip
        return redirect("challenges:entry", pk=pk)
    return _entry_again(request, pk, edit=form)


def _entry_again(request, pk, **forms):
    response = entry(request, pk, forms=forms)
    response.status_code = 400
    return response


@login_required
@require_POST
def document_add(request, pk):
    entry = sel.entry_get_own(user=request.user, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid() and call_service(
        request, services.entry_document_add, form=form, default_field="file",
        success=_("The document is attached."), entry=entry, actor=request.user,
        upload=form.cleaned_data["file"],
    ):  # fmt: skip
        return redirect("challenges:entry", pk=pk)
    return _entry_again(request, pk, document=form)


@login_required
def document(request, pk, document_pk):
    entry = sel.entry_get_visible(user=request.user, pk=pk)
    found = next((d for d in entry.documents.all() if str(d.pk) == str(document_pk)), None)
    if found is None:
        raise Http404
    return serve_file(found.file, public=False, download_name=found.name)


@login_required
@require_POST
def confirm(request, pk):
    entry = sel.entry_get_own(user=request.user, pk=pk)
    partner = entry.partners.filter(pk=id_or_none(request.POST.get("partner"))).first()
    if partner is None:
        raise Http404
    run_service(
        request, services.partner_confirm, _("Your organization's part is confirmed."),
        entry=entry, organization=partner.organization, actor=request.user,
    )  # fmt: skip
    return redirect("challenges:entry", pk=pk)


@login_required
@require_POST
def score(request, pk):
    entry = sel.entry_get_visible(user=request.user, pk=pk)
    sel.assignment_get(user=request.user, entry=entry)
    form = ScoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a whole number from 0 to 10."))
    else:
        run_service(
            request, services.score_set, _("The score is saved."), entry=entry,
            actor=request.user, criterion_id=form.cleaned_data["criterion"],
            score=form.cleaned_data["score"], comment=form.cleaned_data["comment"],
        )  # fmt: skip
    return redirect("challenges:entry", pk=pk)


@login_required
@require_POST
def decide(request, pk):
    entry = sel.entry_get_visible(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid() and call_service(
        request, services.entry_decide, form=form, success=_("The decision is saved."),
        entry=entry, actor=request.user, **form.cleaned_data,
    ):  # fmt: skip
        return redirect("challenges:board", pk=entry.challenge_id)
    return _entry_again(request, pk, decision=form)


@login_required
def assigned(request, pk):
    challenge = sel.challenge_get(pk=pk)
    if sel.evaluator_of(user=request.user, challenge=challenge) is None:
        raise Http404
    criteria = challenge.criteria.count()
    rows = [
        (a, criteria - len(a.scores.all()))
        for a in sel.assignments_of(user=request.user, challenge=challenge)
    ]
    return render(request, "challenges/assigned.html", {"challenge": challenge, "rows": rows})


@login_required
def board(request, pk):
    challenge = sel.challenge_get(pk=pk)
    if not sel.may_run(user=request.user, challenge=challenge) or challenge.is_open():
        raise Http404
    # Best first (unscored last); a page of rows at a time: 500 rows of links and figures
    # are most of the page's time, the figures themselves little. The figures of every entry
    # rank them; only the shown rows' entries are read.
    rows = sorted(sel.board_figures(challenge=challenge), key=_rank)
    page = page_of(request, rows, size=BOARD_PAGE_SIZE)
    page.object_list = sel.with_entries(list(page.object_list))
    context = {
        "challenge": challenge,
        "page": page,
        "query": "",
        "may_publish": sel.is_poster_person(user=request.user, challenge=challenge)
        and challenge.stage() == "evaluating",
    }
    return render(request, "challenges/board.html", context)


def _rank(row):
    return (row["mean"] is None, -(row["mean"] or 0), row["entry_id"])


@login_required
@require_POST
def assign(request, pk):
    entry = sel.entry_get_visible(user=request.user, pk=pk)
    evaluator = Evaluator.objects.filter(
        challenge=entry.challenge, pk=id_or_none(request.POST.get("evaluator"))
    ).first()
    if evaluator is None:
        messages.error(request, _("Choose one of the challenge's evaluators."))
    else:
        run_service(
            request, services.assignment_create, _("The evaluator is assigned."),
            entry=entry, evaluator=evaluator, actor=request.user,
        )  # fmt: skip
    return redirect("challenges:board", pk=entry.challenge_id)


@login_required
@require_POST
def publish(request, pk):
    challenge = sel.challenge_get(pk=pk)
    run_service(
        request, services.results_publish, _("The results are published."),
        challenge=challenge, actor=request.user,
    )  # fmt: skip
    return redirect("challenges:detail", pk=pk)
