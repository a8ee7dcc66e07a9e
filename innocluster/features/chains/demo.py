"""Demo supply links: the lead's demo command calls `demo_chains` once the clusters exist.

Written in bulk, not through the services: the demo's links are facts of the demo world, so
they notify nobody and are not in anybody's audit trail. Random choices come from `rng` only,
in a fixed order, so the same seed gives the same chains."""

import datetime
import random
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from innocluster.features.clusters.selectors import member_organization_ids
from innocluster.platform.organizations.models import Product

from .choices import LinkState
from .models import SUBJECT_MAX_LENGTH, SupplyLink

LINKS_PER_MEMBER = 3
PENDING_SHARE = 0.05  # of the links, left waiting for the customer
# What a member supplies when it has no product of its own to name (demo content, in Russian
# like the rest of the demo's organizations).
SERVICES = (
    "Техническое обслуживание оборудования",
    "Поставка комплектующих",
    "Логистика и доставка",
    "Испытания и сертификация",
    "Разработка программного обеспечения",
    "Обучение персонала",
    "Инжиниринговые услуги",
    "Прототипирование и мелкосерийное производство",
)


def _member_groups(clusters_or_member_ids) -> list[list[int]]:
    groups = []
    for item in clusters_or_member_ids:
        ids = member_organization_ids(cluster=item) if hasattr(item, "pk") else set(item)
        groups.append(sorted(ids))
    return groups


def demo_chains(clusters_or_member_ids: Iterable, rng: random.Random) -> int:
    """Create about LINKS_PER_MEMBER confirmed supply links per member among the members of
    each cluster (or each iterable of organization ids), and a few pending ones. Returns how
    many links it created. Links already there are kept and never duplicated."""
    groups = _member_groups(clusters_or_member_ids)
    all_ids = sorted({pk for group in groups for pk in group})
    products: dict[int, list[Product]] = {}
    for product in Product.objects.filter(organization_id__in=all_ids).order_by("id"):
        products.setdefault(product.organization_id, []).append(product)
    taken = set(
        SupplyLink.objects.filter(supplier_id__in=all_ids).values_list(
            "supplier_id", "customer_id", "subject_key"
        )
    )
    today = timezone.localdate()
    links = []
    for group in groups:
        if len(group) < 2:
            continue
        for supplier_id in group:
            for _n in range(LINKS_PER_MEMBER):
                link = _one(supplier_id, group, products, rng, today)
                key = (link.supplier_id, link.customer_id, link.subject_key)
                if key not in taken:
                    taken.add(key)
                    links.append(link)
    with transaction.atomic():
        SupplyLink.objects.bulk_create(links, batch_size=1000)
    return len(links)


def _one(supplier_id, group, products, rng, today) -> SupplyLink:
    customer_id = supplier_id
    while customer_id == supplier_id:
        customer_id = rng.choice(group)
    own = products.get(supplier_id, [])
    product = rng.choice(own) if own and rng.random() < 0.7 else None
    subject = product.name[:SUBJECT_MAX_LENGTH] if product else rng.choice(SERVICES)
    pending = rng.random() < PENDING_SHARE
    now = timezone.now()
    return SupplyLink(
        supplier_id=supplier_id,
        customer_id=customer_id,
        product=product,
        subject=subject,
        subject_key=f"p{product.pk}" if product else "t" + subject.casefold(),
        starts_on=today - datetime.timedelta(days=rng.randint(30, 1500)),
        state=LinkState.PENDING if pending else LinkState.CONFIRMED,
        answered_at=None if pending else now,
    )
