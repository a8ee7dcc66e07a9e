"""Who runs a pilot site: the members of its organization who may edit its profile (owners and
editors), as for every catalogue. The organizations app keeps the one table of roles."""

from django.utils.translation import gettext as _

from innocluster.core.errors import NotFound
from innocluster.platform.organizations.selectors import user_can
from innocluster.platform.search.catalogue import Operated

OPERATE = Operated.ABILITY


def can_operate(*, user, organization) -> bool:
    return user_can(user=user, organization=organization, ability=OPERATE)


def require_operator(*, user, organization) -> None:
    """NotFound (404, as if it did not exist) unless `user` runs sites of `organization`."""
    if not can_operate(user=user, organization=organization):
        raise NotFound(_("Not found."))
