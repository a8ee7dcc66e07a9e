"""Reads of pilot testing that depend on who asks. What the caller may not see is a 404.

Who runs a site and what anybody may see is the catalogue kit's (platform/search/catalogue.py)."""

from django.db.models import Prefetch

from innocluster.platform.accounts.models import User
from innocluster.platform.search import catalogue

from .choices import SITE_OWNER_TYPES
from .models import PilotSite
from .permissions import OPERATE


def site_list_public():
    return catalogue.list_published(PilotSite.objects.select_related("organization"))


def site_list_visible(*, user):
    """Published sites, and the caller's own unpublished ones."""
    return catalogue.list_visible(PilotSite.objects.select_related("organization"), user=user)


def _with_people(queryset):
    people = User.objects.only("id", "full_name", "email").order_by("full_name", "id")
    return queryset.prefetch_related(Prefetch("people", queryset=people))


def site_get_visible(*, user, pk) -> PilotSite:
    return catalogue.get_or_404(_with_people(site_list_visible(user=user)), pk)


def site_get_operated(*, user, pk) -> PilotSite:
    sites = _with_people(PilotSite.objects.select_related("organization"))
    return catalogue.get_operated(sites, user=user, pk=pk)


def site_list_operated(*, user):
    return catalogue.list_operated(PilotSite.objects.select_related("organization"), user=user)


def operated_organizations(*, user):
    """The organizations `user` may publish sites for: owner or editor of a city organization,
    a technology park or a large corporation."""
    organizations = catalogue.operated_organizations(user=user, ability=OPERATE)
    return organizations.filter(org_type__in=SITE_OWNER_TYPES)


def site_people_choices(*, organization):
    """Who may answer for a site of `organization`: its members."""
    return User.objects.filter(memberships__organization=organization).order_by("full_name", "id")
