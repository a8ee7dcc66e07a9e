"""Reads of statuses and status applications, each checked against the caller."""

from django.http import Http404

from innocluster.platform.organizations.selectors import organization_list_for_member
from innocluster.platform.reviews import selectors as reviews

from .choices import StatusState
from .models import ApplicationDocument, Status, StatusApplication
from .services import CASE_KIND


def register_list():
    """The public register: every status ever granted, with its organization."""
    return Status.objects.select_related("organization").order_by("register_number")


def register_entry_get(*, number: str) -> Status:
    try:
        return register_list().get(register_number=number)
    except Status.DoesNotExist:
        raise Http404 from None


def status_history(*, status: Status):
    return status.changes.select_related("case", "actor")


def application_get_for_member(*, user, pk) -> StatusApplication:
    """An application of one of the user's organizations (drafts included), else 404."""
    case = reviews.case_get_for_applicant(user=user, pk=pk, kind=CASE_KIND)
    return _application_of(case)


def application_get_for_reviewer(*, user, pk) -> StatusApplication:
    return _application_of(reviews.case_get_for_reviewer(user=user, pk=pk))


def application_get_for_anyone_entitled(*, user, pk) -> StatusApplication:
    """For documents: the applicant's members and the fund's reviewers may read them."""
    try:
        return application_get_for_member(user=user, pk=pk)
    except Http404:
        return application_get_for_reviewer(user=user, pk=pk)


def document_get(*, application: StatusApplication, pk) -> ApplicationDocument:
    try:
        return application.documents.get(pk=int(pk))
    except (ApplicationDocument.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


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


def _application_of(case) -> StatusApplication:
    try:
        application = case.status_application
    except StatusApplication.DoesNotExist:
        raise Http404 from None
    return application


def has_active_status(*, organization) -> bool:
    """Is `organization` a participant or partner now (not suspended, not revoked)?"""
    return Status.objects.active().filter(organization=organization).exists()


def with_active_status(organizations):
    """Narrow a queryset of organizations to participants and partners in good standing."""
    return organizations.filter(cluster_status__state=StatusState.ACTIVE)


def status_get(*, organization) -> Status | None:
    """The organization's status row (active, suspended or revoked), or None if never granted."""
    return Status.objects.filter(organization=organization).first()
