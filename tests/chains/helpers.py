"""A small cooperation chain for the browser walk and the screenshots: a cluster of the given
organization and three more in two sectors, confirmed links among them, one link waiting for
the given organization's confirmation and one recorded by it."""

import datetime

from innocluster.features.chains import services
from innocluster.features.clusters.models import Cluster, ClusterMember
from innocluster.platform.organizations.models import Industry
from tests.factories import OrganizationFactory, ProductFactory, member_of

START = datetime.date(2025, 3, 1)


def a_chain(organization, owner) -> dict:
    """The paths to walk: "public" (the chain page, a confirmed link) and "owner" (the links
    of my organizations, the form, a link waiting for the owner), and the other side's editor."""
    robots, _ = Industry.objects.get_or_create(
        slug="chain-robots", defaults={"name_ru": "Робототехника", "name_en": "Robotics"}
    )
    energy, _ = Industry.objects.get_or_create(
        slug="chain-energy", defaults={"name_ru": "Энергетика", "name_en": "Energy"}
    )
    others = [
        OrganizationFactory(short_name='ООО "Станкосервис"'),
        OrganizationFactory(short_name='АО "Энергоузел"'),
        OrganizationFactory(short_name='ООО "Датчики Москвы"'),
    ]
    editors = [member_of(other, "editor") for other in others]
    for other, industry in zip(others, (robots, energy, energy), strict=True):
        other.industries.add(industry)
    cluster = Cluster.objects.create(
        name="Кластер умного производства",
        aims="Общие проекты",
        description_ru="Производители и поставщики",
        lead_organization=organization,
    )
    for member in (organization, *others):
        ClusterMember.objects.create(cluster=cluster, organization=member)
    product = ProductFactory(
        organization=organization, name="Модуль телеметрии", category="hardware"
    )

    def link(supplier, actor, customer, customer_actor=None, **kwargs):
        made = services.supply_link_record(
            supplier=supplier, actor=actor, customer_id=customer.pk, starts_on=START, **kwargs
        )
        if customer_actor:
            made = services.supply_link_confirm(link=made, actor=customer_actor)
        return made

    confirmed = link(organization, owner, others[0], editors[0], product_id=product.pk)
    link(others[0], editors[0], others[1], editors[1], subject="Наладка оборудования")
    link(others[1], editors[1], others[2], editors[2], subject="Электроснабжение цеха")
    link(others[2], editors[2], organization, owner, subject="Датчики давления")
    waiting = link(others[1], editors[1], organization, subject="Резервное питание")
    mine = link(organization, owner, others[2], subject="Монтаж линий связи")
    return {
        "cluster": cluster,
        "other_editor": editors[1],
        "public": [f"/clusters/{cluster.pk}/chain/", f"/supply/{confirmed.pk}/"],
        "owner": ["/supply/", "/supply/new/", f"/supply/{waiting.pk}/", f"/supply/{mine.pk}/"],
    }
