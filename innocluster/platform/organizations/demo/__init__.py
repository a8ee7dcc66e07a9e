"""Realistic demo data: organizations, their products, people and memberships.

Tens of thousands of organizations must load in a couple of minutes (35,000 on SQLite in under
three), so this module writes with `bulk_create` in batches instead of calling the per-row
services (`organization_register`, `product_create`): those validate, audit and look for
duplicates one row at a time, a few queries per organization. The data still obeys the rules the
services enforce: every INN/OGRN passes `core.identifiers.validate_identifiers`, regions come
from `core.regions.REGIONS`, TRL is 1–9, every organization has an owner, every person has a
confirmed e-mail (and an unusable password: demo people cannot sign in). No audit events are
written for generated rows: nobody did anything.

The data is a pure function of the seed and of an identifier counter that starts at the number
of organizations already stored: the same seed into an empty database gives identical data, and
a second run adds organizations whose identifiers never collide with stored ones. No value
depends on today's date (see LAST_YEAR), for the same reason.

Most of this module is vocabulary, kept in tables: it is data, not logic.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from innocluster.core.regions import MOSCOW
from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.accounts.models import User
from innocluster.platform.accounts.services import user_create_confirmed

from ..choices import MemberRole, OrganizationType
from ..models import Membership, Organization, Product
from .builder import Builder, Context, Draft

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - public on purpose, printed by the command
# e-mail, full name, fund role, the part it plays in the README's tour: each member account
# owns the organization demo_organizations() picks for its part.
PARTICIPANT, PARTNER, OPERATOR, NEWCOMER = "participant", "partner", "operator", "newcomer"
DEMO_ACCOUNTS = (
    ("demo@innocluster.local", "Демо Пользователь", "", PARTICIPANT),
    ("partner@innocluster.local", "Демо Партнёр", "", PARTNER),
    ("operator@innocluster.local", "Демо Оператор площадок", "", OPERATOR),
    ("newcomer@innocluster.local", "Демо Новичок", "", NEWCOMER),
    ("reviewer@innocluster.local", "Демо Эксперт фонда", StaffRole.REVIEWER, ""),
    ("admin@innocluster.local", "Демо Администратор фонда", StaffRole.ADMIN, ""),
)


# --- Writing ----------------------------------------------------------------------------------

IndustryLink = Organization.industries.through
TechnologyLink = Organization.technologies.through


def _ensure_pks(objects: list, model, key: str) -> None:
    """bulk_create returns primary keys on PostgreSQL and SQLite ≥ 3.35; elsewhere, look up."""
    missing = [o for o in objects if o.pk is None]
    if missing:
        keys = [getattr(o, key) for o in missing]
        found = dict(model.objects.filter(**{f"{key}__in": keys}).values_list(key, "pk"))
        for obj in missing:
            obj.pk = found[getattr(obj, key)]


def write_batch(drafts: list[Draft]) -> None:
    """Insert a batch of organizations with everything that hangs on them, in one transaction."""
    with transaction.atomic():
        organizations = [d.organization for d in drafts]
        Organization.objects.bulk_create(organizations)
        _ensure_pks(organizations, Organization, "inn")
        users = [user for d in drafts for user, _role in d.people]
        User.objects.bulk_create(users)
        _ensure_pks(users, User, "email")
        IndustryLink.objects.bulk_create(
            IndustryLink(organization_id=d.organization.pk, industry_id=i)
            for d in drafts
            for i in d.industry_ids
        )
        TechnologyLink.objects.bulk_create(
            TechnologyLink(organization_id=d.organization.pk, technology_id=t)
            for d in drafts
            for t in d.technology_ids
        )
        for d in drafts:
            for product in d.products:
                product.organization_id = d.organization.pk
        Product.objects.bulk_create([p for d in drafts for p in d.products])
        Membership.objects.bulk_create(
            Membership(organization_id=d.organization.pk, user_id=user.pk, role=role)
            for d in drafts
            for user, role in d.people
        )


# --- Entry points -----------------------------------------------------------------------------


@dataclass
class DemoReport:
    seed: int
    organizations: int = 0
    products: int = 0
    people: int = 0
    first_organization: Organization | None = None
    accounts: list[tuple[str, str, bool]] = field(default_factory=list)  # email, role, created
    # The tour's organizations by part (PARTICIPANT…): the statuses, facilities and support
    # demos give each what its part needs.
    parts: dict[str, Organization] = field(default_factory=dict)


def generate_organizations(
    *,
    count: int,
    seed: int | None = None,
    batch_size: int = 2000,
    progress: Callable[[int], object] | None = None,
) -> DemoReport:
    """Add `count` organizations with products, people and memberships.

    Without a seed the seed is the number of organizations already stored: an empty database
    always gets the same data, and a second run gets different names.
    """
    context = Context.from_database()
    report = DemoReport(seed=context.counter if seed is None else seed)
    builder = Builder(seed=report.seed, context=context)
    for start in range(0, count, batch_size):
        drafts = [builder.draft() for _ in range(min(batch_size, count - start))]
        write_batch(drafts)
        report.first_organization = report.first_organization or drafts[0].organization
        report.organizations += len(drafts)
        report.products += sum(len(d.products) for d in drafts)
        report.people += sum(len(d.people) for d in drafts)
        if progress:
            progress(len(drafts))
    return report


OPERATOR_TYPES = (
    OrganizationType.TECHNOLOGY_PARK,
    OrganizationType.COWORKING,
    OrganizationType.LABORATORY,
    OrganizationType.BUSINESS_INCUBATOR,
)


def demo_organizations(*, first: Organization | None) -> dict[str, Organization]:
    """The organizations the tour's accounts own, distinct, from the stored ones: the newcomer
    the first (it gets no status, to apply for one); the participant a Moscow manufacturer (a
    legal entity: every seeded support measure is open to it, the loan interest one only to
    manufacturers); the partner one from another region; the operator of facilities a Moscow
    technology park, coworking or laboratory. A part with no fitting organization falls back
    to any free one of its region, or is left out."""
    if first is None:
        return {}
    moscow = Organization.objects.filter(region=MOSCOW, kind="legal_entity")
    wanted = {
        NEWCOMER: [Organization.objects.filter(pk=first.pk)],
        PARTICIPANT: [moscow.filter(org_type=OrganizationType.MANUFACTURER), moscow],
        PARTNER: [Organization.objects.exclude(region=MOSCOW).filter(kind="legal_entity")],
        OPERATOR: [moscow.filter(org_type__in=OPERATOR_TYPES), moscow],
    }
    parts: dict[str, Organization] = {}
    for part, choices in wanted.items():
        taken = [o.pk for o in parts.values()]
        found = (c.exclude(pk__in=taken).order_by("pk").first() for c in choices)
        organization = next((o for o in found if o is not None), None)
        if organization is not None:
            parts[part] = organization
    return parts


def ensure_demo_accounts(*, parts: dict[str, Organization]) -> list[tuple[str, str, bool]]:
    """Create the sign-in accounts of the demo when missing; never touch existing ones.

    They go through `user_create_confirmed`, which checks the password and audits. A member
    account becomes an owner of its part's organization unless it already belongs somewhere.
    """
    accounts = []
    for email, full_name, role, part in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        created = user is None
        if created:
            user = user_create_confirmed(
                email=email, password=DEMO_PASSWORD, full_name=full_name, role=role
            )
        organization = parts.get(part)
        if organization is not None and not user.memberships.exists():
            Membership.objects.create(organization=organization, user=user, role=MemberRole.OWNER)
        accounts.append((email, role or part, created))
    return accounts


def load_demo_data(
    *,
    count: int,
    seed: int | None = None,
    batch_size: int = 2000,
    progress: Callable[[int], object] | None = None,
) -> DemoReport:
    """Organizations first, then the demo accounts, owners of the tour's organizations."""
    report = generate_organizations(
        count=count, seed=seed, batch_size=batch_size, progress=progress
    )
    first = report.first_organization or Organization.objects.order_by("pk").first()
    report.parts = demo_organizations(first=first)
    report.accounts = ensure_demo_accounts(parts=report.parts)
    return report
