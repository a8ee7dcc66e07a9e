"""The cluster page's sections at scale: twelve joint projects as cards, the rest as links;
a large cluster's chain counted in one query."""

import datetime as dt

import pytest

from innocluster.features.chains import selectors as chains
from innocluster.features.chains.models import SupplyLink

from .projects_helpers import a_cluster, a_project, member_orgs

pytestmark = pytest.mark.django_db


def test_the_newest_twelve_projects_are_cards_and_the_others_links(client):
    cluster, owner = a_cluster(counting=3)
    made = [
        a_project(cluster, owner, name=f"Проект {n:02d}", starts_on=dt.date(2026, 1, n + 1))
        for n in range(14)
    ]
    page = client.get(f"/clusters/{cluster.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert page.count('<li class="card">') == 12
    assert "Ещё 2 совместных проекта" in page
    for project in made[:2]:  # the oldest two: links in the list below the cards
        assert f'<li><a href="/clusters/{cluster.pk}/projects/{project.pk}/">' in page


def test_a_large_clusters_links_are_counted_in_one_query(django_assert_num_queries):
    cluster, _owner = a_cluster(counting=4)
    a, b, c, d = member_orgs(cluster)
    for supplier, customer, state in ((a, b, "confirmed"), (b, c, "confirmed"), (c, d, "pending")):
        SupplyLink.objects.create(
            supplier=supplier,
            customer=customer,
            subject="Поставка",
            subject_key="поставка",
            starts_on=dt.date(2025, 1, 1),
            state=state,
        )
    with django_assert_num_queries(1):
        assert chains.confirmed_link_count(cluster=cluster) == 2
