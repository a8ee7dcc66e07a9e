"""Pages of the job board: the job search, a vacancy's page, the employer's list and the
pages to post and change a vacancy, its moves, and the fund's moderation queue."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from innocluster.core.catalogue import FormPage
from innocluster.core.listing import filtered_page, render_catalogue
from innocluster.core.views import call_service

from . import jsonld, selectors, services
from .filters import VacancyFilterSet
from .forms import HideForm, VacancyCreateForm, VacancyForm
from .permissions import can_post, is_moderator

PAGE_SIZE = 20


def vacancy_list(request):
    """The job search: words, facets with counts, the order; a page of cards."""
    queryset = selectors.vacancy_list_public()
    context, status = filtered_page(
        request, VacancyFilterSet, queryset, size=PAGE_SIZE, facets=True
    )
    context["can_post"] = selectors.employer_organizations(user=request.user).exists()
    return render_catalogue(
        request,
        context,
        page="jobs/vacancies.html",
        results="jobs/includes/vacancy_results.html",
        status=status,
    )


def vacancy_detail(request, pk):
    vacancy = selectors.vacancy_get_visible(user=request.user, pk=pk)
    context = {
        "vacancy": vacancy,
        "is_employer": can_post(user=request.user, organization=vacancy.organization),
        "is_moderator": is_moderator(request.user),
        "hide_form": HideForm(),
        "my_application": selectors.application_of(user=request.user, vacancy=vacancy),
        "jsonld": jsonld.script(jsonld.job_posting(vacancy, request.build_absolute_uri))
        if vacancy.is_live
        else "",
    }
    return render(request, "jobs/vacancy.html", context)


@login_required
def my_vacancies(request):
    context = {
        "vacancies": selectors.vacancy_list_operated(user=request.user),
        "can_post": selectors.employer_organizations(user=request.user).exists(),
    }
    return render(request, "jobs/my_vacancies.html", context)


VACANCY = FormPage("jobs/vacancy_form.html", "jobs:vacancy", name="vacancy")
vacancy_create = VACANCY.create(
    VacancyCreateForm, services.vacancy_create, selectors.employer_organizations
)
vacancy_edit = VACANCY.edit(VacancyForm, services.vacancy_update, selectors.vacancy_get_operated)


def _move(service, message: str):
    """A POST that moves one of the caller's vacancies (withdraw, fill, renew)."""

    @login_required
    @require_POST
    def view(request, pk):
        vacancy = selectors.vacancy_get_operated(user=request.user, pk=pk)
        call_service(request, service, success=message, vacancy=vacancy, actor=request.user)
        return redirect("jobs:vacancy", pk=vacancy.pk)

    return view


vacancy_withdraw = _move(services.vacancy_withdraw, _("The vacancy is withdrawn."))
vacancy_fill = _move(services.vacancy_fill, _("The vacancy is archived as filled."))
vacancy_renew = _move(services.vacancy_renew, _("The vacancy is renewed for 30 days."))


@login_required
def moderation(request):
    queue = selectors.moderation_queue(user=request.user)
    if not is_moderator(request.user):
        return render(request, "404.html", status=404)
    return render(request, "jobs/moderation.html", {"vacancies": queue})


@login_required
@require_POST
def vacancy_approve(request, pk):
    vacancy = selectors.vacancy_get_for_moderation(user=request.user, pk=pk)
    call_service(
        request,
        services.vacancy_approve,
        success=_("The vacancy is published."),
        vacancy=vacancy,
        actor=request.user,
    )
    return redirect("jobs:moderation")


@login_required
@require_POST
def vacancy_hide(request, pk):
    vacancy = selectors.vacancy_get_for_moderation(user=request.user, pk=pk)
    form = HideForm(request.POST)
    if form.is_valid():
        call_service(
            request,
            services.vacancy_hide,
            form=form,
            success=form.saved_message,
            vacancy=vacancy,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    return redirect("jobs:vacancy", pk=vacancy.pk)
