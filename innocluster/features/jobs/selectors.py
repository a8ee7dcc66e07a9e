"""Reads of the job board that depend on who asks. What the caller may not see is a 404.

Who runs a vacancy and what anybody may see is the catalogue kit's
(platform/search/catalogue.py): published and not expired (Vacancy.published)."""

from innocluster.platform.organizations.models import Industry
from innocluster.platform.search import catalogue
from innocluster.platform.status.selectors import with_active_status

from .choices import VacancyStatus
from .models import MetroStation, ProfessionalRole, Vacancy
from .permissions import POST, is_moderator

LIST_RELATED = ("organization", "role", "industry", "metro", "metro__line")


def _vacancies():
    return Vacancy.objects.select_related(*LIST_RELATED)


def vacancy_list_public():
    """What the job search lists: live vacancies, newest first."""
    return catalogue.list_published(_vacancies())


def vacancy_list_visible(*, user):
    """Live vacancies, the caller's organizations' own in any state, and for the fund's
    moderators every one."""
    if is_moderator(user):
        return _vacancies()
    return catalogue.list_visible(_vacancies(), user=user)


def vacancy_get_visible(*, user, pk) -> Vacancy:
    return catalogue.get_or_404(vacancy_list_visible(user=user), pk)


def vacancy_get_operated(*, user, pk) -> Vacancy:
    return catalogue.get_operated(_vacancies(), user=user, pk=pk)


def vacancy_list_operated(*, user):
    return catalogue.list_operated(_vacancies(), user=user).order_by("-created_at", "-id")


def vacancy_get_for_moderation(*, user, pk) -> Vacancy:
    if not is_moderator(user):
        return catalogue.get_or_404(Vacancy.objects.none(), pk)
    return catalogue.get_or_404(_vacancies(), pk)


def moderation_queue(*, user):
    """What waits for the fund's moderator, oldest first; nothing for anyone else."""
    if not is_moderator(user):
        return Vacancy.objects.none()
    return _vacancies().filter(status=VacancyStatus.PENDING).order_by("created_at", "id")


def employer_organizations(*, user):
    """The organizations `user` may post vacancies for: owner or editor of a participant or
    partner in good standing."""
    return with_active_status(catalogue.operated_organizations(user=user, ability=POST))


def organization_vacancies(*, organization):
    """An organization's live vacancies (its page lists them)."""
    return vacancy_list_public().filter(organization=organization)


def role_choices():
    return ProfessionalRole.objects.order_by("name_ru")


def industry_choices():
    return Industry.objects.order_by("name_ru")


def station_choices():
    return MetroStation.objects.select_related("line").order_by("name_ru", "line_id")


def mentor_choices(*, organization):
    from innocluster.platform.accounts.models import User

    return User.objects.filter(memberships__organization=organization).order_by("full_name", "id")
