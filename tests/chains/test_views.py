"""The chains' pages: the cluster's chain (drawing, table, gaps), my organization's links,
recording a link with a search for the customer, and the buttons."""

import pytest
from django.urls import reverse

from innocluster.features.chains import selectors
from innocluster.features.chains.models import SupplyLink
from innocluster.platform.organizations.choices import ProductCategory

from .conftest import make_cluster

pytestmark = pytest.mark.django_db


def test_the_chain_page_draws_and_tables_the_confirmed_links(client, cluster, confirmed):
    response = client.get(reverse("chains:cluster_chain", kwargs={"pk": cluster.pk}))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<svg class="chain-graph"' in page and "marker-end" in page
    assert "<caption" in page and "Монтаж оборудования" in page
    assert "Robotics" in page  # the legend


def test_the_table_pages_at_a_hundred_rows(client, cluster, supplier, customer):
    SupplyLink.objects.bulk_create(
        SupplyLink(
            supplier=supplier,
            customer=customer,
            subject=f"Поставка {i}",
            subject_key=f"t{i}",
            starts_on="2025-01-01",
            state="confirmed",
        )
        for i in range(150)
    )
    url = reverse("chains:cluster_chain", kwargs={"pk": cluster.pk})
    first = client.get(url).content.decode()
    assert first.count("<tr>") == 101 and 'rel="next"' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count("<tr>") == 51
    assert client.get(url, {"page": "x' or 1=1"}).status_code == 200


def test_a_private_clusters_chain_is_404(client, supplier):
    private = make_cluster(supplier, is_public=False)
    assert client.get(reverse("chains:cluster_chain", kwargs={"pk": private.pk})).status_code == 404


def test_the_gaps_link_to_the_directory(client, cluster, monkeypatch):
    need = (ProductCategory.MEDICAL, "Тонометры для пилотного проекта", "Умная поликлиника")
    monkeypatch.setattr(selectors, "needs_of_cluster", lambda cluster: [need])
    page = client.get(reverse("chains:cluster_chain", kwargs={"pk": cluster.pk})).content.decode()
    assert "Умная поликлиника" in page
    assert reverse("directory:search") + "?q=" in page


def test_my_links_page_lists_both_sides(client, pending, customer_editor, supplier_owner):
    client.force_login(customer_editor)
    page = client.get(reverse("chains:links")).content.decode()
    assert reverse("chains:confirm", kwargs={"pk": pending.pk}) in page
    client.force_login(supplier_owner)
    page = client.get(reverse("chains:links")).content.decode()
    assert reverse("chains:withdraw", kwargs={"pk": pending.pk}) in page
    assert reverse("chains:confirm", kwargs={"pk": pending.pk}) not in page


def test_recording_finds_the_customer_then_records(client, supplier, supplier_owner, customer):
    client.force_login(supplier_owner)
    url = reverse("chains:record")
    found = client.post(url, {"supplier": supplier.pk, "find": "Заказ", "find_customer": "1"})
    assert found.status_code == 200 and f'value="{customer.pk}"' in found.content.decode()
    data = {
        "supplier": supplier.pk,
        "customer": customer.pk,
        "subject": "Наладка станков",
        "starts_on": "2025-05-01",
        "record": "1",
    }
    response = client.post(url, data)
    link = SupplyLink.objects.get()
    assert response.status_code == 302 and response.url == reverse("chains:link", args=[link.pk])
    assert link.state == "pending" and link.supplier == supplier


def test_recording_bad_input_shows_the_error_on_its_field(client, supplier, supplier_owner):
    client.force_login(supplier_owner)
    data = {
        "supplier": supplier.pk,
        "customer": supplier.pk,
        "subject": "Наладка",
        "starts_on": "2025-05-01",
        "record": "1",
    }
    response = client.post(reverse("chains:record"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "does not supply itself" in response.content.decode()
    assert not SupplyLink.objects.exists()


def test_a_supplier_i_do_not_act_for_is_refused(client, supplier, customer, customer_editor):
    client.force_login(customer_editor)
    data = {"supplier": supplier.pk, "customer": customer.pk, "subject": "x", "record": "1"}
    response = client.post(reverse("chains:record"), {**data, "starts_on": "2025-05-01"})
    assert response.status_code == 400 and not SupplyLink.objects.exists()


def test_a_pending_link_is_404_to_others(client, pending, outsider):
    url = reverse("chains:link", kwargs={"pk": pending.pk})
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(reverse("chains:confirm", kwargs={"pk": pending.pk})).status_code == 404


def test_confirming_by_the_button(client, pending, customer_editor):
    client.force_login(customer_editor)
    response = client.post(reverse("chains:confirm", kwargs={"pk": pending.pk}), {"back": "links"})
    assert response.status_code == 302 and response.url == reverse("chains:links")
    pending.refresh_from_db()
    assert pending.state == "confirmed"
    again = client.post(reverse("chains:confirm", kwargs={"pk": pending.pk}), follow=True)
    assert "can no longer be changed this way" in again.content.decode()


def test_ending_by_the_button_with_a_bad_date(client, confirmed, supplier_owner):
    client.force_login(supplier_owner)
    url = reverse("chains:end", kwargs={"pk": confirmed.pk})
    client.post(url, {"ends_on": "2020-01-01"})
    confirmed.refresh_from_db()
    assert confirmed.state == "confirmed"
    client.post(url, {"ends_on": ""})
    confirmed.refresh_from_db()
    assert confirmed.state == "ended"


def test_a_person_of_no_organization_is_told_who_records(client, outsider):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get(reverse("chains:record")).content.decode()
    assert '<form method="post"' not in page.split("<main", 1)[-1]


def test_the_section_for_the_cluster_page(cluster, confirmed):
    from django.template import Context, Template

    section = Template("{% load chains %}{% cluster_chain_section cluster member_count %}")
    html = section.render(Context({"cluster": cluster, "member_count": 3}))
    assert '<svg class="chain-graph"' in html
    assert reverse("chains:cluster_chain", kwargs={"pk": cluster.pk}) in html
    # A large cluster's page names the links and leaves the drawing to the chain's own page.
    html = section.render(Context({"cluster": cluster, "member_count": 1100}))
    assert '<svg class="chain-graph"' not in html
    assert reverse("chains:cluster_chain", kwargs={"pk": cluster.pk}) in html
    assert "1 confirmed supply link" in html or "1 подтверждённ" in html
