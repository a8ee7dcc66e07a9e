"""Pages of applications: apply on a vacancy's page, the applicant's own list, the
employer's list of a vacancy's applications and an application's page with its moves, the
CV files (through a permission check) and the profile CV."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from innocluster.core.files import serve_file
from innocluster.core.forms import form_status
from innocluster.core.views import call_service

from . import applications as services
from . import selectors
from .choices import STAGE_TRANSITIONS
from .forms import ApplyForm, CvForm, MoveForm

EMPLOYER_MOVES = {
    "view": (services.application_view, _("Mark as viewed")),
    "invite": (services.application_invite, _("Invite to an interview")),
    "offer": (services.application_offer, pgettext_lazy("job application", "Make an offer")),
    "hire": (services.application_hire, _("Hired")),
    "reject": (services.application_reject, _("Decline")),
}


@login_required
def apply(request, pk):
    vacancy = selectors.vacancy_get_visible(user=request.user, pk=pk)
    existing = selectors.application_of(user=request.user, vacancy=vacancy)
    if existing:
        return redirect("jobs:my_application", pk=existing.pk)
    profile_cv = selectors.profile_cv_of(user=request.user)
    form = ApplyForm(
        request.POST or None, request.FILES or None, vacancy=vacancy, profile_cv=profile_cv
    )
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            request,
            services.application_submit,
            form=form,
            success=form.saved_message,
            vacancy=vacancy,
            applicant=request.user,
            **form.cleaned_data,
        )
        if outcome:
            return redirect("jobs:my_application", pk=outcome.result.pk)
    context = {"vacancy": vacancy, "form": form, "profile_cv": profile_cv}
    return render(request, "jobs/apply.html", context, status=form_status(form))


@login_required
def my_applications(request):
    rows = selectors.application_list_of_applicant(user=request.user)
    return render(request, "jobs/my_applications.html", {"applications": rows})


@login_required
def my_application(request, pk):
    application = selectors.application_get_of_applicant(user=request.user, pk=pk)
    return render(request, "jobs/my_application.html", {"application": application})


@login_required
@require_POST
def withdraw(request, pk):
    application = selectors.application_get_of_applicant(user=request.user, pk=pk)
    call_service(
        request,
        services.application_withdraw,
        success=_("Your application is withdrawn and its CV deleted."),
        application=application,
        actor=request.user,
    )
    return redirect("jobs:my_application", pk=pk)


@login_required
def vacancy_applications(request, pk):
    vacancy, rows = selectors.application_list_for_vacancy(user=request.user, vacancy_pk=pk)
    from innocluster.core.listing import page_of

    page = page_of(request, rows.values_list("pk", flat=True), size=50)
    page.object_list = selectors.application_rows(rows, keys=page.object_list)
    context = {"vacancy": vacancy, "page": page}
    return render(request, "jobs/applications.html", context)


@login_required
def application_detail(request, pk):
    application = selectors.application_get_for_employer(user=request.user, pk=pk)
    moves = [
        (move, label)
        for move, (_service, label) in EMPLOYER_MOVES.items()
        if application.stage in STAGE_TRANSITIONS[move][0]
    ]
    context = {"application": application, "moves": moves, "form": MoveForm()}
    return render(request, "jobs/application.html", context)


@login_required
@require_POST
def application_move(request, pk, move):
    application = selectors.application_get_for_employer(user=request.user, pk=pk)
    if move not in EMPLOYER_MOVES:
        return render(request, "404.html", status=404)
    form = MoveForm(request.POST)
    if form.is_valid():
        call_service(
            request,
            EMPLOYER_MOVES[move][0],
            form=form,
            success=_("The application is moved."),
            application=application,
            actor=request.user,
            message=form.cleaned_data["message"],
        )
    return redirect("jobs:application", pk=pk)


@login_required
def application_cv(request, pk):
    """The CV of an application: for its applicant and its employer only (404 otherwise)."""
    try:
        application = selectors.application_get_of_applicant(user=request.user, pk=pk)
    except Http404:  # perhaps the employer asks
        application = selectors.application_get_for_employer(user=request.user, pk=pk)
    return serve_file(application.cv, public=False, download_name=application.cv_name or "cv.pdf")


@login_required
def profile_cv(request):
    stored = selectors.profile_cv_of(user=request.user)
    form = CvForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "delete" in request.POST:
        services.profile_cv_delete(user=request.user)
        return redirect("jobs:profile_cv")
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            request,
            services.profile_cv_set,
            form=form,
            success=form.saved_message,
            user=request.user,
            upload=form.cleaned_data["cv"],
        )
        if outcome:
            return redirect("jobs:profile_cv")
    context = {"stored": stored, "form": form}
    return render(request, "jobs/profile_cv.html", context, status=form_status(form))
