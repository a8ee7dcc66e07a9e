"""Reads after the award, by who asks: an organization's people see its awards (every role),
the fund's staff see all. Anything else is a 404, never a 403."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from innocluster.platform.organizations.choices import MemberRole
from innocluster.platform.organizations.selectors import membership_role

from ..choices import AgreementSide
from .models import Award, Payment, Report, Tranche


def _visible(queryset: QuerySet, user, path: str) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.is_fund_staff:
        return queryset
    member = Q(**{f"{path}__memberships__user": user})
    # One membership per person and organization, so the join never repeats a row.
    return queryset.filter(member)


def award_list_visible_to(*, user) -> QuerySet[Award]:
    """Awards with what a list shows (organization, measure, case, agreement) in one query."""
    awards = Award.objects.select_related(
        "organization", "measure", "application__case", "agreement"
    )
    return _visible(awards, user, "organization")


def award_get_for(*, user, pk) -> Award:
    """One award with its schedule, reports and payments, or 404."""
    tranches = Tranche.objects.select_related("payment", "report").order_by("number")
    queryset = (
        award_list_visible_to(user=user)
        .select_related("agreement__recipient_signer", "agreement__fund_signer")
        .prefetch_related(Prefetch("tranches", queryset=tranches))
    )
    try:
        return queryset.get(pk=int(pk))
    except (Award.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def can_view(*, user, award: Award) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        user.is_fund_staff
        or membership_role(user=user, organization=award.organization) is not None
    )


def acceptance_side(*, user, award: Award) -> str | None:
    """The side `user` may accept the agreement for: an owner of the organization for the
    recipient, a fund administrator who is not a member of it for the fund; else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    role = membership_role(user=user, organization=award.organization)
    if role == MemberRole.OWNER:
        return AgreementSide.RECIPIENT
    if role is None and user.is_fund_admin:
        return AgreementSide.FUND
    return None


def payment_list_visible_to(*, user) -> QuerySet[Payment]:
    payments = Payment.objects.select_related(
        "tranche__award__application__case", "tranche__award__organization"
    )
    return _visible(payments, user, "tranche__award__organization")


def report_list_visible_to(*, user) -> QuerySet[Report]:
    reports = Report.objects.select_related(
        "tranche__award__application__case", "tranche__award__organization"
    ).order_by("due_on", "pk")
    return _visible(reports, user, "tranche__award__organization")


def report_get_for(*, user, pk, award: Award | None = None) -> Report:
    reports = report_list_visible_to(user=user)
    if award is not None:
        reports = reports.filter(tranche__award=award)
    try:
        return reports.get(pk=int(pk))
    except (Report.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def tranche_get(*, award: Award, number) -> Tranche:
    try:
        return award.tranches.get(number=int(number))
    except (Tranche.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
