"""What the award services share: the award lock and the checks of who may act."""

from django.utils.translation import gettext as _

from innocluster.core.errors import NotFound, PermissionDenied
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import membership_role, user_can
from innocluster.platform.reviews.errors import ReviewErrorCode

from ..models import Award


def locked_award(award: Award) -> Award:
    """The award under a row lock, with what the services read of it: every write after the
    award takes it first, so acceptances, payments and reports of one award run one at a
    time and each sees what the one before it committed.

    The lock is a query of its own: rows joined to a locked one are read from the snapshot
    taken before the wait (PostgreSQL re-reads only the locked row), so the agreement and
    the rest are read by a second query, after the lock is held.
    """
    Award.objects.select_for_update().filter(pk=award.pk).values_list("pk").get()
    return Award.objects.select_related(
        "organization", "measure", "application__case", "agreement"
    ).get(pk=award.pk)


def require_visible(*, user, award: Award) -> str | None:
    """NotFound unless `user` is a member of the organization or fund staff; their role."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound(_("Award not found."))
    role = membership_role(user=user, organization=award.organization)
    if role is None and not user.is_fund_staff:
        raise NotFound(_("Award not found."))
    return role


def require_fund(*, user, award: Award, admin: bool) -> None:
    """Fund staff (administrators only, when `admin`) who do not belong to the organization:
    nobody acts for the fund on their own company."""
    role = require_visible(user=user, award=award)
    allowed = user.is_fund_admin if admin else user.is_fund_staff
    if not allowed:
        raise PermissionDenied(
            _("Only a fund administrator can do this.")
            if admin
            else _("Only the fund's staff can do this.")
        )
    if role is not None:
        raise PermissionDenied(
            _("You belong to this organization, so another person must act for the fund."),
            code=ReviewErrorCode.OWN_ORGANIZATION,
        )


def require_applicant(*, user, award: Award) -> None:
    """An owner or editor of the organization (the APPLY ability)."""
    require_visible(user=user, award=award)
    if not user_can(user=user, organization=award.organization, ability=APPLY):
        raise PermissionDenied(_("Only the organization's owners and editors can do this."))
