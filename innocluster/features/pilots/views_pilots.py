"""Pages of pilots: propose a product for a pilot (the submission kit's pages), a pilot's page
with the sites' consent, and the answers and the fund's choice of another site."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innocluster.core.errors import DomainError
from innocluster.core.filters import id_or_none
from innocluster.core.forms import form_status
from innocluster.core.views import call_service, submit_form
from innocluster.features.support import selectors as support_selectors
from innocluster.platform.organizations.models import Product
from innocluster.platform.reviews.pages import SubmissionPages

from . import consent as consenting
from . import plan as planning
from . import proposal as proposing
from . import results, selectors, testing
from .choices import PilotStatus
from .forms import AnswerForm, ProposalDocumentForm, ProposalForm, ReportForm, TestPlanForm
from .models import TestPlan


class ProposalPages(SubmissionPages):
    kind = proposing.CASE_KIND
    template = "pilots/proposal/application.html"
    form_class, document_form_class = ProposalForm, ProposalDocumentForm
    draft_ready = gettext_lazy(
        "A draft is ready, filled from the product: say what to test, where and how it is "
        "measured, attach the documents and submit."
    )

    def extra_context(self, request, submission, forms):
        editable = submission.case.status in ("draft", "info_requested")
        missing = proposing.missing_for_proposal(submission) if editable else {}
        chosen = selectors.site_list_public().filter(pk__in=submission.sites)
        pilot = getattr(submission, "pilot", None) if submission.case.status == "approved" else None
        return {"missing": missing, "chosen_sites": chosen, "pilot": pilot}

    def restart_url(self, submission) -> str:
        return reverse("pilots:propose")


proposal_pages = ProposalPages()


@login_required
def propose(request):
    """The products of my organizations (active participants) to propose for a pilot."""
    organizations = selectors.proposing_organizations(user=request.user)
    return render(request, "pilots/proposal/propose.html", {"organizations": organizations})


@login_required
@require_POST
def proposal_create(request):
    allowed = selectors.proposing_organizations(user=request.user).values("pk")
    product = get_object_or_404(
        Product.objects.select_related("organization"),
        pk=id_or_none(request.POST.get("product")),
        organization__in=allowed,
    )
    return proposal_pages.open_draft(
        request,
        proposing.proposal_create,
        refused_url=reverse("pilots:propose"),
        organization=product.organization,
        product=product,
    )


class ConsentForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Needed when the site declines."),
    )


class ProposeSiteForm(forms.Form):
    site = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Another site"))

    def __init__(self, *args, pilot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = selectors.sites_to_propose(pilot=pilot)


@login_required
def my_pilots(request):
    pilots = selectors.pilot_list_visible(user=request.user)[:200]
    return render(request, "pilots/pilots_mine.html", {"pilots": pilots})


@login_required
def pilot_detail(
    request, pk, *, consent_form=None, site_form=None, plan_form=None, note_form=None,
    report_form=None, answer_form=None, status=200,
):  # fmt: skip
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    plan = TestPlan.objects.filter(pilot=pilot).first()
    parties = planning.parties_of(pilot=pilot, user=request.user)
    at_agreement = pilot.status == PilotStatus.AGREEMENT
    answering = {
        consent.pk
        for consent in pilot.consents.all()
        if consent.status == "pending" and request.user in consent.site.people.all()
    }
    is_fund = request.user.is_fund_staff
    context = {
        "pilot": pilot,
        "answering": answering if pilot.status == PilotStatus.CONSENT else set(),
        "consent_form": consent_form or ConsentForm(),
        "site_form": (site_form or ProposeSiteForm(pilot=pilot))
        if is_fund and pilot.status == PilotStatus.CONSENT
        else None,
        "plan": plan,
        "plan_form": (plan_form or TestPlanForm(instance=plan or _draft_plan(pilot)))
        if at_agreement and parties
        else None,
        "agree_as": [
            (party, label)
            for party, label in _party_labels()
            if at_agreement and party in parties and not (plan and plan.agreed_at)
        ],
        "may_start": at_agreement and bool(parties & {planning.COMPANY, planning.SITE}),
        "keeps_log": pilot.status in (PilotStatus.RUNNING, PilotStatus.PAUSED)
        and bool(parties & {planning.COMPANY, planning.SITE}),
        "note_form": note_form or NoteForm(),
        **_end_context(
            pilot,
            plan,
            parties,
            user=request.user,
            report_form=report_form,
            answer_form=answer_form,
        ),  # fmt: skip
    }
    return render(request, "pilots/pilot.html", context, status=status)


def _end_context(pilot, plan, parties, *, user, report_form, answer_form) -> dict:
    """The end of the test: the site's report form once it is finished, the company's
    answer, and the button that publishes the result."""
    report = selectors.report_of(pilot)
    open_report = report is not None and not report.is_published
    files = pilot.status == PilotStatus.FINISHED and report is None and planning.SITE in parties
    kpis = plan.kpi_rows() if plan else []
    return {
        "report": report,
        "show_confidential": report is not None
        and selectors.may_read_confidential(pilot=pilot, user=user),
        "report_form": (report_form or ReportForm(kpis=kpis)) if files else None,
        "answer_form": (answer_form or AnswerForm(initial={"text": report.company_answer}))
        if open_report and planning.COMPANY in parties
        else None,
        "may_publish": open_report and bool(parties & {planning.COMPANY, planning.FUND}),
        # A grant for the test: the company applies from here once the plan is agreed.
        "grants": support_selectors.pilot_measures(organization=pilot.organization)
        if plan and plan.agreed_at and planning.COMPANY in parties
        else [],
    }


@login_required
@require_POST
def consent_answer(request, pk, consent_pk):
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    consent = selectors.consent_get_answerable(user=request.user, pilot=pilot, pk=consent_pk)
    form = ConsentForm(request.POST)
    agree = request.POST.get("answer") == "agree"
    success = _("The site agreed to host the pilot.") if agree else _("The site declined.")
    done = submit_form(
        request, form, consenting.consent_answer, to=_page(pilot), success=success,
        consent=consent, actor=request.user, agree=agree,
    )  # fmt: skip
    return done or pilot_detail(request, pilot.pk, consent_form=form, status=400)


@login_required
@require_POST
def propose_site(request, pk):
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    form = ProposeSiteForm(request.POST, pilot=pilot)
    done = submit_form(
        request, form, consenting.consent_propose_site, to=_page(pilot),
        success=_("The site is asked for its consent."), pilot=pilot, actor=request.user,
    )  # fmt: skip
    return done or pilot_detail(request, pilot.pk, site_form=form, status=400)


def _page(pilot) -> str:
    return reverse("pilots:pilot", kwargs={"pk": pilot.pk})


def _draft_plan(pilot) -> TestPlan:
    return TestPlan(pilot=pilot, kpis=pilot.kpis)


def _party_labels():
    return [
        (planning.COMPANY, _("Agree for the company")),
        (planning.SITE, _("Agree for the site")),
        (planning.FUND, _("Agree for the fund")),
    ]


@login_required
@require_POST
def plan_edit(request, pk):
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    plan = TestPlan.objects.filter(pilot=pilot).first() or _draft_plan(pilot)
    form = TestPlanForm(request.POST, instance=plan)
    done = submit_form(
        request, form, planning.plan_update, to=_page(pilot),
        success=_("The plan is saved; the agreements given are withdrawn."), pilot=pilot,
        actor=request.user,
    )  # fmt: skip
    return done or pilot_detail(request, pilot.pk, plan_form=form, status=400)


@login_required
@require_POST
def plan_agree(request, pk):
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    call_service(
        request, planning.plan_agree, success=_("Agreed."), pilot=pilot, actor=request.user,
        party=request.POST.get("party", ""), version=id_or_none(request.POST.get("version")),
    )  # fmt: skip
    return redirect("pilots:pilot", pk=pilot.pk)


@login_required
@require_POST
def pilot_start(request, pk):
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    call_service(
        request, planning.pilot_start, success=_("The test is running."), pilot=pilot,
        actor=request.user,
    )  # fmt: skip
    return redirect("pilots:pilot", pk=pilot.pk)


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=[("note", gettext_lazy("note")),
                                              ("incident", gettext_lazy("incident"))],
    )  # fmt: skip
    on = forms.DateField(
        label=gettext_lazy("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    text = forms.CharField(
        label=gettext_lazy("Text"), max_length=5_000, widget=forms.Textarea(attrs={"rows": 3})
    )


@login_required
@require_POST
def note_add(request, pk):
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    form = NoteForm(request.POST)
    done = submit_form(
        request, form, testing.note_add, to=_page(pilot), success=_("The note is added."),
        pilot=pilot, actor=request.user,
    )  # fmt: skip
    return done or pilot_detail(request, pilot.pk, note_form=form, status=400)


STEPS = {
    "pause": (testing.pilot_pause, gettext_lazy("The test is paused.")),
    "resume": (testing.pilot_resume, gettext_lazy("The test runs again.")),
    "stop": (testing.pilot_stop, gettext_lazy("The test is stopped early.")),
    "finish": (testing.pilot_finish, gettext_lazy("The test is finished.")),
}


@login_required
@require_POST
def pilot_step(request, pk, step):
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    if step not in STEPS:
        raise Http404
    service, success = STEPS[step]
    reason = {"reason": request.POST.get("reason", "")[:2_000]} if step in ("pause", "stop") else {}
    call_service(request, service, success=str(success), pilot=pilot, actor=request.user, **reason)
    return redirect("pilots:pilot", pk=pilot.pk)


def _plan_kpis(pilot) -> list[dict]:
    plan = TestPlan.objects.filter(pilot=pilot).first()
    return plan.kpi_rows() if plan else []


def _say_refusal_of_the_step(request, outcome) -> None:
    """A refusal of the step itself (the report filed meanwhile by a colleague, the test not
    finished, the result published) comes back with the form no longer on the page: it is
    said as a message instead, so the refusal is never silent."""
    if isinstance(outcome.error, DomainError):
        messages.error(request, outcome.error.detail)


@login_required
@require_POST
def report_file(request, pk):
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    form = ReportForm(request.POST, kpis=_plan_kpis(pilot))
    if form.is_valid():
        outcome = call_service(
            request, results.report_file, form=form, success=_("The report is filed."),
            pilot=pilot, actor=request.user, **form.cleaned_data,
        )  # fmt: skip
        if outcome:
            return redirect("pilots:pilot", pk=pilot.pk)
        _say_refusal_of_the_step(request, outcome)
    return pilot_detail(request, pilot.pk, report_form=form, status=form_status(form))


@login_required
@require_POST
def report_answer(request, pk):
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        outcome = call_service(
            request, results.report_answer, form=form, success=_("The answer is saved."),
            pilot=pilot, actor=request.user, text=form.cleaned_data["text"],
        )  # fmt: skip
        if outcome:
            return redirect("pilots:pilot", pk=pilot.pk)
        _say_refusal_of_the_step(request, outcome)
    return pilot_detail(request, pilot.pk, answer_form=form, status=form_status(form))


@login_required
@require_POST
def result_publish(request, pk):
    pilot = selectors.pilot_get_visible(user=request.user, pk=pk)
    outcome = call_service(
        request, results.result_publish, success=_("The result is published."), pilot=pilot,
        actor=request.user,
    )  # fmt: skip
    if outcome:
        return redirect("pilots:result", pk=outcome.result.pk)
    return redirect("pilots:pilot", pk=pilot.pk)
