"""The fund reads supply links, threads, posts and follows in the admin, in Russian, and
changes none of them there: each change goes through a service."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from innocluster.features.chains.models import SupplyLink
from innocluster.features.community.models import Follow, Post, Thread
from tests.community.conftest import start
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [SupplyLink, Thread, Post, Follow]


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(staff_role="admin", is_staff=True, is_superuser=True))
    return client


def url(model, view, *args):
    meta = model._meta
    with translation.override("ru"):
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_columns_are_named_in_russian_and_nothing_is_added(
    staff, model, cluster, confirmed, supplier_owner
):
    start(supplier_owner, cluster, title="Поставки на 2026 год")  # its author follows it
    page = staff.get(url(model, "changelist"), HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200
    table = page.text.split('id="result_list"')[1].split("</thead>")[0]
    headers = re.findall(r'<th scope="col"[^>]*>.*?<(?:a|span)[^>]*>([^<]+)<', table, re.S)
    headers = [h for h in headers if not h.strip().isdigit()]  # the sort order's figures
    assert len(headers) >= 3, table
    assert all(re.search("[а-яё]", h, re.I) for h in headers), headers
    assert staff.get(url(model, "add")).status_code == 403


def test_a_supply_link_is_read_but_never_changed_or_deleted(staff, confirmed):
    page = staff.get(url(SupplyLink, "change", confirmed.pk), HTTP_ACCEPT_LANGUAGE="ru")
    assert page.status_code == 200 and "Кем записана" in page.text
    assert 'name="subject"' not in page.text  # read-only: no field to edit
    staff.post(url(SupplyLink, "change", confirmed.pk), {"subject": "Другое"})
    response = staff.post(url(SupplyLink, "delete", confirmed.pk), {"post": "yes"})
    assert response.status_code == 403
    confirmed.refresh_from_db()
    assert confirmed.subject != "Другое" and confirmed.state == "confirmed"
