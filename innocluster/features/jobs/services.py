"""Writes of the job board: post and change a vacancy, and its moves (moderation, renewal,
archive, withdrawal), each under a row lock and by the one table of moves
(choices.VACANCY_TRANSITIONS)."""

import datetime as dt
import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, diff, register_actions, snapshot
from innocluster.core.errors import Conflict, CoreErrorCode
from innocluster.platform.status.selectors import PARTICIPANT, status_of

from .choices import (
    BAND_FLOORS,
    VACANCY_TRANSITIONS,
    ArchiveReason,
    Currency,
    SalaryBand,
    VacancyStatus,
    WorkFormat,
)
from .errors import JobErrorCode
from .models import LIFETIME_DAYS, MOSCOW, MetroStation, Vacancy
from .notify import tell_employer, tell_moderators
from .permissions import require_employer, require_moderator

register_actions(
    {
        "vacancy.created": gettext_lazy("posted a vacancy"),
        "vacancy.updated": gettext_lazy("changed a vacancy"),
        "vacancy.approved": gettext_lazy("approved a vacancy"),
        "vacancy.hidden": gettext_lazy("hid a vacancy"),
        "vacancy.withdrawn": gettext_lazy("withdrew a vacancy"),
        "vacancy.archived": gettext_lazy("archived a vacancy"),
        "vacancy.renewed": gettext_lazy("renewed a vacancy"),
    }
)

VACANCY_FIELDS = (
    "title",
    "description",
    "duties",
    "requirements",
    "skills",
    "role",
    "industry",
    "employment_type",
    "schedule",
    "experience",
    "salary_from",
    "salary_to",
    "currency",
    "salary_gross",
    "work_format",
    "address",
    "latitude",
    "longitude",
    "district",
    "metro",
    "start_date",
    "contact_name",
    "contact_email",
    "contact_phone",
    "university",
    "specialisation",
    "duration_weeks",
    "paid",
    "academic_credit",
    "mentor",
    "university_letter_required",
)


def refused(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def lifetime(now: dt.datetime | None = None) -> dt.datetime:
    """The end of the LIFETIME_DAYS-th day from now: the Moscow midnight after it (so that
    Vacancy.published() changes once a day)."""
    today = timezone.localdate(now or timezone.now(), timezone=MOSCOW)
    last = today + dt.timedelta(days=LIFETIME_DAYS + 1)
    return dt.datetime.combine(last, dt.time(), tzinfo=MOSCOW)


def _apply(vacancy: Vacancy, fields: dict) -> None:
    unknown = sorted(set(fields) - set(VACANCY_FIELDS))
    if unknown:
        raise refused(unknown[0], _("This field cannot be changed."), CoreErrorCode.NOT_EDITABLE)
    for name, value in fields.items():
        setattr(vacancy, name, value.strip() if isinstance(value, str) else value)
    _check_salary(vacancy)
    if vacancy.work_format != WorkFormat.REMOTE and not vacancy.address:
        message = _("Give the address of the workplace, or choose remote work.")
        raise refused("address", message, JobErrorCode.LOCATION_NEEDED)
    if vacancy.mentor_id and not _is_member(vacancy.organization_id, vacancy.mentor_id):
        message = _("The mentor must be a member of the organization.")
        raise refused("mentor", message, "mentor_not_a_member")
    vacancy.full_clean()
    if vacancy.metro_id is None and vacancy.work_format != WorkFormat.REMOTE:
        vacancy.metro = nearest_station(vacancy.latitude, vacancy.longitude)
    vacancy.salary_band = salary_band(vacancy)


def _is_member(organization_id: int, user_id: int) -> bool:
    from innocluster.platform.organizations.models import Membership

    return Membership.objects.filter(organization_id=organization_id, user_id=user_id).exists()


def _check_salary(vacancy: Vacancy) -> None:
    """Before the model's own checks: the issue's two refusals, each with its own code."""
    for name in ("salary_from", "salary_to"):
        value = getattr(vacancy, name)
        if value is not None and Decimal(value) < 0:
            raise refused(name, _("A salary cannot be negative."), JobErrorCode.SALARY_NEGATIVE)
    low, high = vacancy.salary_from, vacancy.salary_to
    if low is not None and high is not None and Decimal(low) > Decimal(high):
        message = _("The salary «from» is above the salary «to».")
        raise refused("salary_from", message, JobErrorCode.SALARY_RANGE)


def salary_band(vacancy: Vacancy) -> str:
    """The search's salary band (choices.SalaryBand): by the lower bound, else the upper."""
    amount = vacancy.salary_from if vacancy.salary_from is not None else vacancy.salary_to
    if amount is None:
        return SalaryBand.NONE
    if vacancy.currency != Currency.RUB:
        return SalaryBand.OTHER_CURRENCY
    return next(band for floor, band in BAND_FLOORS if amount >= floor)


# Kilometres per degree of latitude; a degree of longitude is this times cos(latitude).
KM_PER_DEGREE = 111.2
NEAR_KM = 5  # farther than this from every station, a place has no "nearest metro"


def nearest_station(latitude, longitude) -> MetroStation | None:
    """The station nearest to a point, within NEAR_KM (an equirectangular distance: exact
    enough within a city). The seeded list is a few hundred rows: read and compared here."""
    if latitude is None or longitude is None:
        return None
    lat, lng = float(latitude), float(longitude)
    scale = math.cos(math.radians(lat))
    best, best_km = None, NEAR_KM
    for station in MetroStation.objects.only("id", "latitude", "longitude"):
        d_lat = float(station.latitude) - lat
        d_lng = (float(station.longitude) - lng) * scale
        km = math.hypot(d_lat, d_lng) * KM_PER_DEGREE
        if km < best_km:
            best, best_km = station, km
    return best


def _status_kind(organization) -> str | None:
    info = status_of(organization=organization)
    return info.kind if info and info.is_active else None


@transaction.atomic
def vacancy_create(*, organization, actor, **fields) -> Vacancy:
    """Post a vacancy of `organization` (its owners and editors). The organization must be a
    participant or a partner in good standing: a participant's vacancy is published at once
    for LIFETIME_DAYS, anyone else's waits for the fund's moderator."""
    require_employer(user=actor, organization=organization)
    kind = _status_kind(organization)
    if kind is None:
        message = _("Vacancies are posted by the cluster's participants and partners.")
        raise refused("organization", message, JobErrorCode.NO_STATUS)
    vacancy = Vacancy(organization=organization)
    _apply(vacancy, fields)
    if kind == PARTICIPANT:
        _publish(vacancy)
    vacancy.save()
    audit_record(
        actor=actor,
        action="vacancy.created",
        target=vacancy,
        organization=organization,
        changes={"title": vacancy.title, "status": vacancy.status},
    )
    if vacancy.status == VacancyStatus.PENDING:
        tell_moderators(vacancy)
    return vacancy


def _publish(vacancy: Vacancy) -> None:
    now = timezone.now()
    vacancy.status = VacancyStatus.PUBLISHED
    vacancy.published_at = now
    vacancy.expires_at = lifetime(now)
    vacancy.archive_reason = ""
    vacancy.archived_at = None


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, actor, **fields) -> Vacancy:
    """Change a vacancy (its organization's owners and editors) in whatever state it is."""
    require_employer(user=actor, organization=vacancy.organization)
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    before = snapshot(vacancy, [name for name in fields if name in VACANCY_FIELDS])
    _apply(vacancy, fields)
    vacancy.save()
    audit_record(
        actor=actor,
        action="vacancy.updated",
        target=vacancy,
        organization=vacancy.organization,
        changes=diff(before, snapshot(vacancy, list(before))),
    )
    return vacancy


def _locked_for(vacancy: Vacancy, move: str) -> Vacancy:
    """The vacancy under a row lock, if `move` is allowed from its state now; else a
    Conflict (another move came first: a withdrawal before the moderator's approval)."""
    locked = Vacancy.objects.select_for_update().select_related("organization").get(pk=vacancy.pk)
    sources, _target = VACANCY_TRANSITIONS[move]
    if locked.status not in sources:
        message = _("The vacancy is now «%(status)s»: this cannot be done.") % {
            "status": locked.get_status_display()
        }
        raise Conflict(message, code=JobErrorCode.VACANCY_STATE)
    return locked


def _record(vacancy: Vacancy, actor, action: str, before: str, **changes) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=vacancy,
        organization=vacancy.organization,
        changes={"status": {"from": before, "to": vacancy.status}, **changes},
    )


@transaction.atomic
def vacancy_approve(*, vacancy: Vacancy, actor) -> Vacancy:
    """The fund's moderator publishes a vacancy that waits for moderation, for
    LIFETIME_DAYS from now."""
    require_moderator(actor)
    vacancy = _locked_for(vacancy, "approve")
    _publish(vacancy)
    vacancy.save(
        update_fields=["status", "published_at", "expires_at", "archive_reason", "archived_at"]
    )
    _record(vacancy, actor, "vacancy.approved", VacancyStatus.PENDING)
    tell_employer(vacancy, "jobs.vacancy_approved")
    return vacancy


@transaction.atomic
def vacancy_hide(*, vacancy: Vacancy, actor, reason: str) -> Vacancy:
    """The fund's moderator hides a vacancy (waiting or published), saying why; its
    organization is told the reason."""
    require_moderator(actor)
    reason = (reason or "").strip()
    if not reason:
        raise refused("reason", _("Say why the vacancy is hidden."), "required")
    if len(reason) > Vacancy._meta.get_field("hidden_reason").max_length:
        raise refused("reason", _("The reason is too long."), "max_length")
    vacancy = _locked_for(vacancy, "hide")
    before = vacancy.status
    vacancy.status = VacancyStatus.HIDDEN
    vacancy.hidden_reason = reason
    vacancy.save(update_fields=["status", "hidden_reason", "updated_at"])
    _record(vacancy, actor, "vacancy.hidden", before, reason=reason)
    tell_employer(vacancy, "jobs.vacancy_hidden", reason=reason)
    return vacancy


@transaction.atomic
def vacancy_withdraw(*, vacancy: Vacancy, actor) -> Vacancy:
    """Its organization takes a vacancy back before it is filled: nobody sees or applies to
    it any more."""
    require_employer(user=actor, organization=vacancy.organization)
    vacancy = _locked_for(vacancy, "withdraw")
    before = vacancy.status
    vacancy.status = VacancyStatus.WITHDRAWN
    vacancy.archived_at = timezone.now()
    vacancy.save(update_fields=["status", "archived_at", "updated_at"])
    _record(vacancy, actor, "vacancy.withdrawn", before)
    return vacancy


@transaction.atomic
def vacancy_fill(*, vacancy: Vacancy, actor) -> Vacancy:
    """Its organization archives a vacancy as filled; a filled vacancy is not renewed."""
    require_employer(user=actor, organization=vacancy.organization)
    vacancy = _locked_for(vacancy, "archive")
    return _archive(vacancy, actor, ArchiveReason.FILLED)


def _archive(vacancy: Vacancy, actor, reason: str) -> Vacancy:
    vacancy.status = VacancyStatus.ARCHIVED
    vacancy.archive_reason = reason
    vacancy.archived_at = timezone.now()
    vacancy.save(update_fields=["status", "archive_reason", "archived_at", "updated_at"])
    _record(vacancy, actor, "vacancy.archived", VacancyStatus.PUBLISHED, reason=reason)
    return vacancy


@transaction.atomic
def vacancy_renew(*, vacancy: Vacancy, actor) -> Vacancy:
    """Another LIFETIME_DAYS from now, for a published vacancy or one archived because it
    expired (not one filled)."""
    require_employer(user=actor, organization=vacancy.organization)
    vacancy = _locked_for(vacancy, "renew")
    if vacancy.archive_reason == ArchiveReason.FILLED:
        message = _("A filled vacancy is not renewed: post a new one.")
        raise Conflict(message, code=JobErrorCode.FILLED_FOR_GOOD)
    before = vacancy.status
    vacancy.status = VacancyStatus.PUBLISHED
    vacancy.expires_at = lifetime()
    vacancy.archive_reason = ""
    vacancy.archived_at = None
    fields = ["status", "expires_at", "archive_reason", "archived_at", "updated_at"]
    vacancy.save(update_fields=fields)
    _record(vacancy, actor, "vacancy.renewed", before, expires_at=vacancy.expires_at.isoformat())
    return vacancy


def vacancies_expire(*, now=None) -> int:
    """The daily job: archive every published vacancy past its time (as expired), one at a
    time under its lock, so an application being made meanwhile either came first or is
    refused. Returns how many."""
    now = now or timezone.now()
    due = Vacancy.objects.filter(status=VacancyStatus.PUBLISHED, expires_at__lte=now)
    archived = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            vacancy = Vacancy.objects.select_for_update().select_related("organization").get(pk=pk)
            if vacancy.status == VacancyStatus.PUBLISHED and vacancy.expires_at <= now:
                _archive(vacancy, None, ArchiveReason.EXPIRED)
                archived += 1
    return archived
