"""Reads that depend on who asks (a link the caller may not see is a 404), and the chains.

A link waiting for confirmation, declined or withdrawn is seen only by the people of its two
organizations; a confirmed or ended one by everyone. A cluster's chain is the confirmed links
among its member organizations, read through clusters.selectors."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language

from innocluster.features.clusters.selectors import (
    member_list,
    member_organization_ids,
    project_needs,
)
from innocluster.platform.organizations.choices import MemberRole, ProductCategory
from innocluster.platform.organizations.models import Membership, Organization, Product

from .choices import LinkState
from .models import SupplyLink

ACTING_ROLES = (MemberRole.OWNER, MemberRole.EDITOR)
PUBLIC_STATES = (LinkState.CONFIRMED, LinkState.ENDED)


def my_roles(*, user) -> dict[int, str]:
    """The organizations `user` belongs to, with the role in each."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return dict(Membership.objects.filter(user=user).values_list("organization_id", "role"))


def acting_organization_ids(*, user) -> set[int]:
    return {pk for pk, role in my_roles(user=user).items() if role in ACTING_ROLES}


def acting_organizations(*, user):
    """The organizations `user` may record links for (owner or editor), by name."""
    return Organization.objects.filter(pk__in=acting_organization_ids(user=user)).order_by(
        "short_name", "pk"
    )


def _with_relations(queryset):
    return queryset.select_related("supplier", "customer", "product")


def link_list_visible_to(*, user):
    mine = list(my_roles(user=user))
    visible = Q(state__in=PUBLIC_STATES)
    if mine:
        visible |= Q(supplier_id__in=mine) | Q(customer_id__in=mine)
    return _with_relations(SupplyLink.objects.filter(visible))


def link_get_for(*, user, pk) -> SupplyLink:
    try:
        return link_list_visible_to(user=user).get(pk=pk)
    except (SupplyLink.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def link_actions_for(*, link: SupplyLink, roles: dict[int, str]) -> dict[str, bool]:
    """What the caller (by `roles`, from my_roles) may do with `link` now."""
    supplier = roles.get(link.supplier_id) in ACTING_ROLES
    customer = roles.get(link.customer_id) in ACTING_ROLES
    pending = link.state == LinkState.PENDING
    return {
        "may_answer": pending and customer,
        "may_withdraw": pending and supplier,
        "may_end": link.state == LinkState.CONFIRMED and (supplier or customer),
    }


def links_of_my_organizations(*, user, organization_ids=None) -> dict[str, list]:
    """The links of the caller's organizations, in three lists: to confirm (others name us as
    customer), waiting for the other side (we recorded), and confirmed."""
    mine = set(my_roles(user=user))
    if organization_ids is not None:
        mine &= set(organization_ids)
    links = _with_relations(SupplyLink.objects.involving(mine)).order_by("created_at", "id")
    return {
        "to_confirm": list(links.filter(state=LinkState.PENDING, customer_id__in=mine)),
        "waiting": list(links.filter(state=LinkState.PENDING, supplier_id__in=mine)),
        "confirmed": list(links.filter(state=LinkState.CONFIRMED).order_by("-starts_on", "-id")),
    }


def organization_search(*, text: str, exclude=(), limit: int = 20):
    """Organizations of the platform by a part of the name or the first digits of the INN."""
    text = " ".join((text or "").split())[:100]
    if len(text) < 2:
        return Organization.objects.none()
    condition = Q(short_name__icontains=text) | Q(full_name__icontains=text)
    if text.isdigit():
        condition |= Q(inn__startswith=text)
    return (
        Organization.objects.filter(condition)
        .exclude(pk__in=list(exclude))
        .order_by("short_name", "pk")[:limit]
    )


def organization_search_ids(*, ids):
    return Organization.objects.filter(pk__in=list(ids)).order_by("short_name", "pk")


# ---- The chain of a cluster ------------------------------------------------------------


@dataclass
class ChainNode:
    id: int
    name: str
    sector_id: int | None
    sector: str


@dataclass
class ChainEdge:
    id: int
    supplier_id: int
    customer_id: int
    subject: str
    starts_on: object


@dataclass
class Chain:
    nodes: list[ChainNode] = field(default_factory=list)
    edges: list[ChainEdge] = field(default_factory=list)

    def sectors(self) -> list[tuple[int | None, str, int]]:
        """(sector id, name, how many members), the largest first; those without one last."""
        counts: dict[int | None, list] = {}
        for node in self.nodes:
            counts.setdefault(node.sector_id, [node.sector, 0])[1] += 1
        return sorted(
            ((pk, name, n) for pk, (name, n) in counts.items()),
            key=lambda row: (row[0] is None, -row[2], row[1]),
        )


def cluster_chain(cluster) -> Chain:
    """The cluster's chain: its member organizations, each with its sector (its first
    industry), and the confirmed supply links among them. Three queries, whatever the size."""
    return chain_of(member_organization_ids(cluster=cluster))


def chain_of(member_ids) -> Chain:
    ids = set(member_ids)
    names = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "short_name").order_by())
    sectors = _first_industries(ids)
    nodes = [ChainNode(pk, names[pk], *sectors.get(pk, (None, ""))) for pk in sorted(names)]
    rows = (
        SupplyLink.objects.confirmed()
        .filter(supplier_id__in=ids, customer_id__in=ids)
        .order_by("id")
        .values_list("pk", "supplier_id", "customer_id", "subject", "starts_on")
    )
    return Chain(nodes, [ChainEdge(*row) for row in rows])


def _first_industries(ids) -> dict[int, tuple[int, str]]:
    """Each organization's first industry (the first one it named) and that industry's name."""
    through = Organization.industries.through
    rows = (
        through.objects.filter(organization_id__in=ids)
        .order_by("organization_id", "id")
        .values_list("organization_id", "industry_id", "industry__name_ru", "industry__name_en")
    )
    english = (get_language() or "ru").startswith("en")
    first: dict[int, tuple[int, str]] = {}
    for organization_id, industry_id, name_ru, name_en in rows:
        first.setdefault(organization_id, (industry_id, name_en if english else name_ru))
    return first


# ---- Gaps: what the cluster's projects need that no member supplies ----------------------


@dataclass(frozen=True)
class Gap:
    category: str
    category_name: str
    description: str
    project: str


def supplied_categories(member_ids) -> set[str]:
    """The product categories the members supply: those of their products."""
    return set(
        Product.objects.filter(organization_id__in=set(member_ids))
        .values_list("category", flat=True)
        .distinct()
        .order_by()
    )


def chain_gaps(needs, member_ids) -> list[Gap]:
    """Of `needs`, an iterable of (category, description, project name), those whose category
    no member organization supplies (has a product of), in the order given."""
    supplied = supplied_categories(member_ids)
    labels = dict(ProductCategory.choices)
    return [
        Gap(category, str(labels.get(category, category)), description, project)
        for category, description, project in needs
        if category not in supplied
    ]


def needs_of_cluster(cluster) -> list[tuple[str, str, str]]:
    """The needs of the cluster's joint projects as (category, description, project name)."""
    return project_needs(cluster=cluster)


def confirmed_link_count(*, cluster) -> int:
    """How many confirmed links join two members of `cluster`: one COUNT with the members as a
    subquery, for a page that only names the figure (a large chain is drawn on its own page).
    Handing 1,100 member ids to the database twice cost ten times as much."""
    members = member_list(cluster=cluster).values("organization_id")
    return (
        SupplyLink.objects.confirmed()
        .filter(supplier_id__in=members, customer_id__in=members)
        .count()
    )
