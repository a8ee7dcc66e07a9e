"""Reads of the job board that depend on who asks. What the caller may not see is a 404.

Who runs a vacancy and what anybody may see is the catalogue kit's
(platform/search/catalogue.py): published and not expired (Vacancy.published)."""

from django.db.models import Exists, OuterRef

from innocluster.platform.organizations.models import Industry, Organization
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


def vacancy_search_queryset(*, data):
    """The live vacancies a search's parameters find, in its order (saved searches' letters,
    the search's Atom feed); None when a parameter is not valid."""
    from .filters import VacancyFilterSet

    filterset = VacancyFilterSet(data, queryset=vacancy_list_public())
    return filterset.qs if filterset.is_valid() else None


def vacancy_search_errors(*, data) -> list[str]:
    """Why a search's parameters are not valid: «name: message», one per parameter."""
    from .filters import VacancyFilterSet

    filterset = VacancyFilterSet(data, queryset=Vacancy.objects.none())
    if filterset.is_valid():
        return []
    return [f"{name}: {' '.join(errors)}" for name, errors in filterset.form.errors.items()]


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


def hiring_companies():
    """(id, short name) of each organization with a live vacancy, by name: the job search's
    company facet. Each organization asks for one live vacancy of its own (its index), rather
    than every live vacancy being read for the distinct companies among them (issue 22: 200 ms
    at 100,000 vacancies on SQLite, the half of a search whose counts are made afresh)."""
    live = vacancy_list_public().filter(organization=OuterRef("pk"))
    return (
        Organization.objects.filter(Exists(live))
        .order_by("short_name", "pk")
        .values_list("pk", "short_name")
    )


def role_choices():
    return ProfessionalRole.objects.order_by("name_ru")


def industry_choices():
    return Industry.objects.order_by("name_ru")


def station_choices():
    return MetroStation.objects.select_related("line").order_by("name_ru", "line_id")


def mentor_choices(*, organization):
    from innocluster.platform.accounts.models import User

    return User.objects.filter(memberships__organization=organization).order_by("full_name", "id")


# --- Applications ---------------------------------------------------------------------------


def application_list_for_vacancy(*, user, vacancy_pk):
    """The applications of one of the caller's organizations' vacancies, newest first; 404
    for a vacancy that is not theirs (another company's applications do not exist for them)."""
    from .models import Application

    vacancy = vacancy_get_operated(user=user, pk=vacancy_pk)
    rows = Application.objects.filter(vacancy=vacancy).select_related("applicant")
    return vacancy, rows.only(
        "id", "stage", "created_at", "stage_changed_at", "cv_name", "vacancy_id",
        "applicant__id", "applicant__full_name", "applicant__email",
    ).order_by("-created_at", "-id")  # fmt: skip


def application_rows(rows, *, keys) -> list:
    """The rows of a page of `rows` whose keys were paginated on their own
    (`rows.values_list("pk", flat=True)`), in `rows`' order.

    A far page's OFFSET then skips keys (vacancy, date, id: what the index
    `application_by_vacancy` holds) instead of whole rows joined to their applicants. For the
    last page of 5,000 applications PostgreSQL sorted all the joined rows (41.6 ms by EXPLAIN
    ANALYZE on a loaded machine); the keys then the 50 rows took 2.9 + 0.8 ms."""
    return list(rows.filter(pk__in=list(keys)))


def application_get_for_employer(*, user, pk):
    """An application of one of the caller's organizations' vacancies; else 404."""
    from .models import Application

    operated = catalogue.list_operated(Vacancy.objects.all(), user=user)
    rows = Application.objects.filter(vacancy__in=operated.values("pk")).select_related(
        "vacancy__organization", "applicant"
    )
    return catalogue.get_or_404(rows.prefetch_related("changes"), pk)


def application_list_of_applicant(*, user):
    from .models import Application

    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    rows = Application.objects.filter(applicant=user)
    return rows.select_related("vacancy__organization").prefetch_related("changes")


def application_get_of_applicant(*, user, pk):
    return catalogue.get_or_404(application_list_of_applicant(user=user), pk)


def application_of(*, user, vacancy):
    """The caller's application to `vacancy`, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return application_list_of_applicant(user=user).filter(vacancy=vacancy).first()


def profile_cv_of(*, user):
    from .models import ProfileCv

    if not getattr(user, "is_authenticated", False):
        return None
    return ProfileCv.objects.filter(user=user).first()


def hires_of(*, organization) -> int:
    """How many people `organization` hired through the job board (the jobs figure)."""
    from .models import HireCount

    row = HireCount.objects.filter(organization=organization).values_list("hires", flat=True)
    return row.first() or 0


def hires_in(*, organization_id: int, start, end) -> int:
    """People the organization hired through the job board in [start, end) (the day of the
    «hired» stage): what its yearly KPI report is filled with."""
    from .choices import Stage
    from .models_applications import StageChange

    return (
        StageChange.objects.filter(
            stage=Stage.HIRED,
            at__gte=start,
            at__lt=end,
            application__vacancy__organization_id=organization_id,
        )
        .values("application_id")
        .distinct()
        .count()
    )


def hire_facts():
    """The fund's figures (features/figures): each hire through the job board (an application
    moved to «hired»), with the employer and when; `hires_of` is its running total."""
    from .choices import Stage
    from .models_applications import StageChange

    return StageChange.objects.filter(stage=Stage.HIRED)
