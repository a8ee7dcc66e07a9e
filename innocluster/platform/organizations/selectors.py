"""Reads that depend on who asks. Anything the caller may not see is a 404, never a 403."""

from django.core.cache import cache
from django.db.models import Count, F, QuerySet
from django.http import Http404
from django.utils import timezone

from innocluster.core.models import AuditEvent
from innocluster.core.querycache import cached_objects
from innocluster.core.regions import MOSCOW
from innocluster.platform.accounts.models import User

from .models import Invitation, Membership, MembershipRequest, Organization, Product
from .permissions import ROLE_ABILITIES, STAFF_ABILITIES


def membership_role(*, user, organization: Organization) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.filter(user=user, organization=organization)
        .values_list("role", flat=True)
        .first()
    )


def abilities(*, user, organization: Organization) -> frozenset[str]:
    """Everything `user` may do in `organization`: by their role, and as fund staff."""
    return abilities_of(user=user, role=membership_role(user=user, organization=organization))


def abilities_of(*, user, role: str | None) -> frozenset[str]:
    """The same, for a caller who has already looked up the role."""
    granted = ROLE_ABILITIES.get(role, frozenset()) if role else frozenset()
    if getattr(user, "is_fund_staff", False):
        granted |= STAFF_ABILITIES
    return granted


def organization_ids_of(*, user, ability: str | None = None) -> QuerySet:
    """The ids of the organizations `user` belongs to, or with `ability` only those where
    their role grants it (APPLY: where they are an owner or an editor). Lazy: a subquery
    where it filters, one query where it is read; empty for an anonymous caller."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none().values_list("organization_id", flat=True)
    memberships = Membership.objects.filter(user=user)
    if ability is not None:
        roles = [role for role, granted in ROLE_ABILITIES.items() if ability in granted]
        memberships = memberships.filter(role__in=roles)
    return memberships.values_list("organization_id", flat=True)


def user_can(*, user, organization: Organization, ability: str) -> bool:
    return ability in abilities(user=user, organization=organization)


def has_pending_request(*, user, organization: Organization) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return organization.membership_requests.filter(user=user, status="pending").exists()


def organization_list_public():
    return Organization.objects.with_public_relations()


def organization_get_public(*, pk) -> Organization:
    try:
        return organization_list_public().get(pk=pk)
    except (Organization.DoesNotExist, ValueError):
        raise Http404 from None


def organization_shown(*, pk) -> tuple[Organization, list[Product]]:
    """The organization as its public page shows it, with its industries, technologies and
    products, read from the query cache until a write changes any of them (issue 18: their
    four statements were a tenth of the page's CPU). For reading only: what a service changes
    is read afresh (`organization_get_public`)."""
    try:
        found = cached_objects(organization_list_public().filter(pk=pk))
    except (ValueError, TypeError):
        raise Http404 from None
    if not found:
        raise Http404
    organization = found[0]
    return organization, cached_objects(product_list(organization=organization))


def organization_get_for(*, user, pk, ability: str) -> Organization:
    """The organization if `user` has `ability` in it; otherwise 404 as if it did not exist."""
    organization = organization_get_public(pk=pk)
    if not user_can(user=user, organization=organization, ability=ability):
        raise Http404
    return organization


def organization_list_for_member(*, user):
    """The user's organizations, each annotated with `my_role`."""
    return (
        Organization.objects.filter(memberships__user=user)
        .annotate(my_role=F("memberships__role"))
        .order_by("short_name")
    )


def people_of(*, organization_id: int):
    """The people who belong to an organization, in any role: whom its news goes to."""
    return User.objects.filter(memberships__organization_id=organization_id)


def member_list(*, organization: Organization):
    return organization.memberships.select_related("user").order_by("created_at", "id")


def membership_get(*, organization: Organization, pk) -> Membership:
    try:
        return member_list(organization=organization).get(pk=pk)
    except (Membership.DoesNotExist, ValueError):
        raise Http404 from None


def pending_requests(*, organization: Organization):
    return organization.membership_requests.filter(status="pending").select_related("user")


def pending_invitations(*, organization: Organization):
    return organization.invitations.filter(status="pending").select_related("invited_by")


def pending_request_get(*, organization: Organization, pk) -> MembershipRequest:
    return _get_or_404(pending_requests(organization=organization), pk)


def pending_invitation_get(*, organization: Organization, pk) -> Invitation:
    return _get_or_404(pending_invitations(organization=organization), pk)


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


def invitations_for_user(*, user):
    """Open invitations to this person's address, once they have proved they hold it."""
    if not user.email_confirmed:
        return Invitation.objects.none()
    return Invitation.objects.filter(
        email=user.email.lower(), status="pending", expires_at__gt=timezone.now()
    ).select_related("organization")


def membership_requests_of_user(*, user):
    return MembershipRequest.objects.filter(user=user).select_related("organization")


def product_list(*, organization: Organization):
    return organization.products.all()


def product_get(*, organization: Organization, pk) -> Product:
    try:
        return organization.products.get(pk=pk)
    except (Product.DoesNotExist, ValueError):
        raise Http404 from None


def audit_trail(*, organization: Organization):
    return AuditEvent.objects.filter(organization_id=organization.pk).select_related("actor")


HOME_FIGURES_SECONDS = 60


def organization_home_figures() -> dict:
    """The cluster's figures for the home page. The counts scan whole tables, so they are
    cached for a minute: the busiest page must not cost a full count per visit. The newest
    organizations, with their industries and technologies, are read from the query cache
    until a write changes them (issue 18: their three statements were a third of the page's
    CPU)."""
    figures = cache.get_or_set("organizations:home_figures", _count_figures, HOME_FIGURES_SECONDS)
    latest = organization_list_public().order_by("-created_at", "-id")[:6]
    return {**figures, "latest": cached_objects(latest)}


def _count_figures() -> dict:
    # One count per region, through the region's index: COUNT(DISTINCT region) sorted every
    # organization's region (2 s at a million on PostgreSQL, the GROUP BY 0.15-0.6 s).
    by_region = dict(Organization.objects.order_by().values_list("region").annotate(n=Count("*")))
    return {
        "organizations": sum(by_region.values()),
        "moscow": by_region.get(MOSCOW, 0),
        "regions": len(by_region.keys() - {None}),
        "products": Product.objects.count(),
    }


def first_of_each_organization(memberships, count: int) -> list:
    """The first of `memberships` (an ordered queryset) of each organization, for at most
    `count` organizations: one person to act for each (the demo's histories choose their
    owners so). Read a page at a time, each a LIMIT the database can answer from the order's
    index: all of them at once, joined and sorted, took over half an hour at a million
    organizations on PostgreSQL, to keep a hundred."""
    chosen: dict[int, object] = {}
    step, start = max(2 * count, 100), 0
    while len(chosen) < count:
        page = list(memberships[start : start + step])
        for membership in page:
            chosen.setdefault(membership.organization_id, membership)
            if len(chosen) == count:
                break
        if len(page) < step:
            break
        start += step
    return list(chosen.values())
