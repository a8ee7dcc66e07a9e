"""Who runs a facility: the members of its operating organization who may edit its profile.

The organizations app keeps the one table of roles; facilities read it, never copy it.
"""

from django.utils.translation import gettext as _

from innocluster.core.errors import NotFound
from innocluster.platform.organizations.selectors import user_can
from innocluster.platform.search.catalogue import Operated

OPERATE = Operated.ABILITY  # editing the profile: owners and editors, as for every catalogue


def can_operate(*, user, organization) -> bool:
    return user_can(user=user, organization=organization, ability=OPERATE)


def require_operator(*, user, organization, what=None) -> None:
    """NotFound (404, as if it did not exist) unless `user` runs facilities of `organization`."""
    if not can_operate(user=user, organization=organization):
        raise NotFound(what or _("Not found."))


def operators_of(organization) -> list:
    """The people who run `organization`'s facilities (for notifications)."""
    from innocluster.platform.organizations.permissions import ROLE_ABILITIES
    from innocluster.platform.organizations.selectors import member_list

    members = member_list(organization=organization)
    return [m.user for m in members if OPERATE in ROLE_ABILITIES.get(m.role, ())]
