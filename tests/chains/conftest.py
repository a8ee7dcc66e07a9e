import datetime

import pytest

from innocluster.features.chains import services
from innocluster.features.clusters.models import Cluster, ClusterMember
from innocluster.platform.organizations.models import Industry
from tests.factories import OrganizationFactory, ProductFactory, member_of

START = datetime.date(2025, 3, 1)


@pytest.fixture
def supplier(db):
    return OrganizationFactory(short_name="ООО Поставщик")


@pytest.fixture
def customer(db):
    return OrganizationFactory(short_name="ООО Заказчик")


@pytest.fixture
def supplier_owner(supplier):
    return member_of(supplier, "owner")


@pytest.fixture
def customer_editor(customer):
    return member_of(customer, "editor")


@pytest.fixture
def customer_viewer(customer):
    return member_of(customer, "viewer")


@pytest.fixture
def outsider(db):
    return member_of(OrganizationFactory(), "owner")


@pytest.fixture
def product(supplier):
    return ProductFactory(organization=supplier, name="Датчик давления", category="hardware")


def record(supplier, actor, customer, **kwargs):
    kwargs.setdefault("starts_on", START)
    if "product_id" not in kwargs:
        kwargs.setdefault("subject", "Монтаж оборудования")
    return services.supply_link_record(
        supplier=supplier, actor=actor, customer_id=customer.pk, **kwargs
    )


@pytest.fixture
def pending(supplier, supplier_owner, customer, customer_editor):
    return record(supplier, supplier_owner, customer)


@pytest.fixture
def confirmed(pending, customer_editor):
    return services.supply_link_confirm(link=pending, actor=customer_editor)


def make_cluster(lead, members=(), *, is_public=True):
    cluster = Cluster.objects.create(
        name="Кластер промышленной автоматизации",
        aims="Цели",
        description_ru="Описание",
        lead_organization=lead,
        is_public=is_public,
    )
    for organization in {lead, *members}:
        ClusterMember.objects.create(cluster=cluster, organization=organization)
    return cluster


@pytest.fixture
def cluster(supplier, customer):
    industry = Industry.objects.create(slug="robots", name_ru="Робототехника", name_en="Robotics")
    supplier.industries.add(industry)
    return make_cluster(supplier, [customer])
