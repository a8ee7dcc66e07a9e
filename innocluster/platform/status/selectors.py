"""Reads of statuses and status applications, each checked against the caller."""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from innocluster.platform.organizations.selectors import organization_list_for_member
from innocluster.platform.reviews import selectors as reviews

from .choices import MOSCOW_REGION, StatusKind, StatusState
from .models import Status
from .services import CASE_KIND

# What `services.register_number_for` makes: IC- and the organization's id, 7 digits or more.
REGISTER_NUMBER = re.compile(r"IC-[0-9]{7,17}")


def register_list():
    """The public register: every status ever granted, with its organization."""
    return Status.objects.select_related("organization").order_by("register_number")


def register_entry_get(*, number: str, queryset=None) -> Status:
    """The register's entry numbered `number`, or a 404. A text that cannot be a register
    number never reaches the database (PostgreSQL refuses a NUL in it: a 500)."""
    if not REGISTER_NUMBER.fullmatch(number):
        raise Http404
    try:
        return (queryset if queryset is not None else register_list()).get(register_number=number)
    except Status.DoesNotExist:
        raise Http404 from None


def status_history(*, status: Status):
    return status.changes.select_related("case", "actor")


def my_organizations_with_status(*, user) -> list:
    """The user's organizations, each with `.status` (or None) and `.open_case` (or None)."""
    organizations = list(organization_list_for_member(user=user))
    statuses = Status.objects.in_bulk([o.pk for o in organizations], field_name="organization_id")
    open_cases = {
        case.organization_id: case
        for case in reviews.case_list_for_user(user=user).open().filter(kind=CASE_KIND)
    }
    for organization in organizations:
        organization.status = statuses.get(organization.pk)
        organization.open_case = open_cases.get(organization.pk)
    return organizations


# --- the status as every other app reads it -------------------------------------------
# Other apps ask these; none reads this app's models, relation names or state strings.

STATUS_KIND_CHOICES = StatusKind.choices
PARTICIPANT, PARTNER = StatusKind.PARTICIPANT.value, StatusKind.PARTNER.value
MOSCOW = MOSCOW_REGION  # participants are registered here; partners anywhere

# Good standing, the one definition every reader of this module applies (as a condition on
# the table, `_active_condition`, or on a row already read, `_is_active`): a status in
# ACTIVE_STATE (not suspended, not revoked) of one of the kinds asked for, by default both.
ACTIVE_STATE = StatusState.ACTIVE.value
ACTIVE_KINDS = (PARTICIPANT, PARTNER)


def _active_condition(kinds, path: str = "") -> Q:
    """Good standing as a condition on the status table, reached by `path` (`cluster_status__`
    from an organization)."""
    return Q(**{f"{path}state": ACTIVE_STATE, f"{path}kind__in": kinds})


def _is_active(state: str, kind: str, kinds) -> bool:
    """Good standing of a status row already read (its state and kind)."""
    return state == ACTIVE_STATE and kind in kinds


@dataclass(frozen=True)
class StatusInfo:
    """An organization's status as other apps see it."""

    kind: str  # PARTICIPANT or PARTNER
    kind_label: str
    state_label: str
    register_number: str
    is_active: bool  # neither suspended nor revoked

    @property
    def is_active_participant(self) -> bool:
        return self.is_active and self.kind == PARTICIPANT


def status_of(*, organization) -> StatusInfo | None:
    """The organization's status (active, suspended or revoked), or None if never granted."""
    status = Status.objects.filter(organization=organization).first()
    if status is None:
        return None
    return StatusInfo(
        kind=status.kind,
        kind_label=str(status.get_kind_display()),
        state_label=str(status.get_state_display()),
        register_number=status.register_number,
        is_active=status.state == ACTIVE_STATE,
    )


def has_active_status(*, organization, kinds=ACTIVE_KINDS) -> bool:
    """Is `organization` a participant or partner now (not suspended, not revoked)?"""
    return Status.objects.filter(_active_condition(kinds), organization=organization).exists()


def active_among(ids, *, kinds=ACTIVE_KINDS) -> set[int]:
    """Of the organization ids `ids`, those of `kinds` in good standing. For a long list (the
    exchange's matching asks of a thousand): the statuses are read by organization, the
    state and kind tested here, because a condition on them lets SQLite's planner walk the
    (state, kind) index over every active status of the register instead (200 ms at 41,000
    organizations, against a few)."""
    rows = Status.objects.filter(organization_id__in=list(ids)).order_by()
    return {
        pk
        for pk, state, kind in rows.values_list("organization_id", "state", "kind")
        if _is_active(state, kind, kinds)
    }


def with_active_status(organizations, *, kinds=ACTIVE_KINDS):
    """Narrow a queryset of organizations to those of `kinds` in good standing."""
    return organizations.filter(_active_condition(kinds, "cluster_status__"))


@dataclass(frozen=True)
class StatusSql:
    """The status table for another app's own SQL (the directory's search): join `table` on
    `organization_column`, read `kind_column`, keep rows where `active_condition` holds
    (with `active_params`)."""

    table: str
    organization_column: str
    kind_column: str
    active_condition: str
    active_params: tuple


def status_sql(alias: str) -> StatusSql:
    return StatusSql(
        table=Status._meta.db_table,
        organization_column=f"{alias}.organization_id",
        kind_column=f"{alias}.kind",
        active_condition=f"{alias}.state = %s",
        active_params=(ACTIVE_STATE,),
    )


def status_get(*, organization) -> Status | None:
    """The organization's status row, for this app's own pages (others: status_of)."""
    return Status.objects.filter(organization=organization).first()
