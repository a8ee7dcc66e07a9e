"""Who posts a vacancy: the owners and editors of its organization (the catalogue kit's
ability), and only for an organization with participant or partner status; who moderates:
the fund's staff."""

from django.utils.translation import gettext as _

from innocluster.core.errors import NotFound
from innocluster.platform.organizations.selectors import user_can
from innocluster.platform.search.catalogue import Operated

POST = Operated.ABILITY


def can_post(*, user, organization) -> bool:
    return user_can(user=user, organization=organization, ability=POST)


def require_employer(*, user, organization) -> None:
    """NotFound (404, as if it did not exist) unless `user` posts vacancies of
    `organization`."""
    if not can_post(user=user, organization=organization):
        raise NotFound(_("Not found."))


def is_moderator(user) -> bool:
    return bool(getattr(user, "is_fund_staff", False))


def require_moderator(user) -> None:
    if not is_moderator(user):
        raise NotFound(_("Not found."))
