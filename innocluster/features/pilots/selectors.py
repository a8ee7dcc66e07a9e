"""Reads of pilot testing that depend on who asks. What the caller may not see is a 404.

Who runs a site and what anybody may see is the catalogue kit's (platform/search/catalogue.py)."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from innocluster.core.filters import id_or_none
from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.choices import MemberRole
from innocluster.platform.organizations.models import Membership, Organization
from innocluster.platform.search import catalogue
from innocluster.platform.status.selectors import with_active_status

from .choices import HOLDING_CONSENTS, OCCUPYING, SITE_OWNER_TYPES, ConsentStatus
from .models import Pilot, PilotReport, PilotSite, SiteConsent
from .permissions import OPERATE

# Who acts for an organization in a pilot: its owners and editors.
ACTING = (MemberRole.OWNER, MemberRole.EDITOR)


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


def places_taken(site_ids) -> dict[int, int]:
    """How many pilots hold a place at each of `site_ids`: a pilot not yet finished whose
    consent the site has not refused."""
    rows = (
        SiteConsent.objects.filter(
            site_id__in=list(site_ids),
            status__in=HOLDING_CONSENTS,
            pilot__status__in=OCCUPYING,
        )
        .values("site_id")
        .annotate(taken=Count("id"))
    )
    return {row["site_id"]: row["taken"] for row in rows}


def full_sites(site_ids, *, sites=None) -> list[PilotSite]:
    """The sites among `site_ids` whose every place is taken (`sites`: rows already read, or
    locked, to use instead of reading them again)."""
    if sites is None:
        sites = PilotSite.objects.filter(pk__in=list(site_ids)).only("id", "name", "capacity")
    taken = places_taken(site_ids)
    return [site for site in sites if taken.get(site.pk, 0) >= site.capacity]


# --- pilots ----------------------------------------------------------------------------------


def _pilots():
    consents = SiteConsent.objects.select_related("site__organization", "answered_by").order_by(
        "asked_at", "id"
    )
    return Pilot.objects.select_related("organization", "proposal__case").prefetch_related(
        Prefetch("consents", queryset=consents), "notes"
    )


def pilot_list_visible(*, user):
    """The pilots `user` takes part in: its company's, its sites', the host organization's (a
    challenge's winner is piloted by the challenge's poster, with no site asked), or all for
    the fund."""
    if not user.is_authenticated:
        return Pilot.objects.none()
    if user.is_fund_staff:
        return _pilots()
    company = Q(organization__memberships__user=user)
    site = Q(consents__site__people=user)
    host = Q(host_organization__memberships__user=user)
    ids = Pilot.objects.filter(company | site | host).values("pk")
    return _pilots().filter(pk__in=ids)


def pilot_get_visible(*, user, pk) -> Pilot:
    """A pilot its company, the people of a site asked, and the fund see; else 404."""
    return catalogue.get_or_404(pilot_list_visible(user=user), pk)


def consent_get_answerable(*, user, pilot, pk) -> SiteConsent:
    """A consent request `user` answers for its site; anybody else: 404."""
    consent = next((c for c in pilot.consents.all() if c.pk == id_or_none(pk)), None)
    if consent is None or not consent.site.people.filter(pk=user.pk).exists():
        raise Http404
    return consent


def proposing_organizations(*, user):
    """The organizations `user` may propose a pilot for: owner or editor of an active
    participant that has products."""
    if not user.is_authenticated:
        return Organization.objects.none()
    ids = Membership.objects.filter(user=user, role__in=ACTING).values("organization_id")
    organizations = Organization.objects.filter(pk__in=ids).order_by("short_name")
    return with_active_status(organizations, kinds=("participant",)).prefetch_related("products")


def site_side(pilot):
    """The people who speak for the site of `pilot`: the responsible people of each site that
    agreed to host it, or the owners and editors of the challenge's poster that hosts it; not
    the people of a site that declined or never answered. The one rule of who the site is:
    plan.parties_of asks it of one person, the notifications tell all of them."""
    agreed = Q(
        pilot_sites__consents__pilot=pilot, pilot_sites__consents__status=ConsentStatus.AGREED
    )
    if not pilot.host_organization_id:
        return User.objects.filter(agreed).distinct()
    host = Q(memberships__organization_id=pilot.host_organization_id, memberships__role__in=ACTING)
    return User.objects.filter(agreed | host).distinct()


def sites_to_propose(*, pilot):
    """Published sites not yet asked for `pilot` (the fund's choice of another site)."""
    asked = [consent.site_id for consent in pilot.consents.all()]
    return site_list_public().select_related(None).exclude(pk__in=asked).only("id", "name")


# --- published results -----------------------------------------------------------------------


def result_list_public():
    """The published results of finished pilots, newest first (the catalogue kit's
    `published`: a report the company or the fund published)."""
    reports = PilotReport.objects.select_related("organization").defer(
        "confidential", "search_text"
    )
    return catalogue.list_published(reports)


def result_get_public(*, pk) -> PilotReport:
    """A published result, anybody's to read; else 404."""
    return catalogue.get_or_404(result_list_public().select_related("pilot__plan"), pk)


# What the company's profile shows of each result (pilots/includes/organization_results.html).
_PROFILE_SHOWN = ("id", "title", "category", "published_at", "would_buy")


def organization_results(*, organization):
    """The company's published results, for its profile: the columns it shows, without the
    company's row, which the profile already has (issue 18)."""
    results = result_list_public().filter(organization=organization)
    return results.select_related(None).only(*_PROFILE_SHOWN)


def may_read_confidential(*, pilot, user) -> bool:
    """The site's confidential remarks are the company's, the site's that agreed to host the
    test (or the host organization's) and the fund's: not those of a site that was asked and
    refused or never answered, though its people still see the pilot."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_fund_staff:
        return True
    parties = Q(pk=pilot.organization_id) | Q(pk=pilot.host_organization_id)
    if Organization.objects.filter(parties, memberships__user=user).exists():
        return True
    return pilot.consents.filter(status=ConsentStatus.AGREED, site__people=user).exists()


def report_of(pilot) -> PilotReport | None:
    return PilotReport.objects.filter(pilot=pilot).first()


def pilot_for_grant(*, organization, pk) -> Pilot:
    """The pilot a grant application of `organization` is filled from: its own pilot only,
    with the test plan (support measures read it: features/support). Another company's
    pilot, or no such pilot: 404."""
    pilots = Pilot.objects.select_related("organization", "plan").filter(organization=organization)
    return catalogue.get_or_404(pilots, pk)


def pilots_finished_in(*, organization_id: int, start, end) -> int:
    """The organization's pilots that ran their course (finished, or with results published)
    with their last step in [start, end): what its yearly KPI report is filled with."""
    from .choices import PilotStatus

    return Pilot.objects.filter(
        organization_id=organization_id,
        status__in=(PilotStatus.FINISHED, PilotStatus.PUBLISHED),
        status_changed_at__gte=start,
        status_changed_at__lt=end,
    ).count()


def finished_pilot_facts():
    """The fund's figures (features/figures): the pilots finished (with or without a published
    result), one row each, dated by the step that finished them."""
    from .choices import PilotStatus

    return Pilot.objects.filter(status__in=(PilotStatus.FINISHED, PilotStatus.PUBLISHED))


def pilot_open_rows():
    """The open data's pilots: only those whose result is published (the others are the
    company's and the sites' business until then), as plain values."""
    from .choices import PilotStatus

    return (
        Pilot.objects.filter(status=PilotStatus.PUBLISHED)
        .order_by("pk")
        .values(
            "pk",
            "title",
            "organization__inn",
            "organization__short_name",
            "duration_weeks",
            "status_changed_at",
        )
    )
