"""Matching an order to the manufacturers that fit it, the supplier's choice of orders to
hear of, and the notice at publication."""

import pytest
from django.test import Client
from django.utils import translation

from innocluster.features.exchange import matching, services
from innocluster.features.exchange.models import SupplierInterest
from innocluster.platform.notifications.models import Notification
from innocluster.platform.organizations.models import Organization
from tests.facilities.helpers import make_facility, make_offer, make_resource
from tests.factories import OrganizationFactory, ProductFactory, member_of, with_status

from .after import a_delivered_order
from .helpers import a_buyer, a_supplier, an_order, category, item

pytestmark = pytest.mark.django_db


def _client(user=None, language="ru"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user:
        client.force_login(user)
    return client


def _workshop(**values):
    """A participant with a published workshop: a milling machine and a capacity offer."""
    organization = with_status(OrganizationFactory(**values))
    facility, operator = make_facility(organization, is_published=True, name="Цех")
    make_resource(
        facility, operator, kind="equipment", name="Фрезерный станок DMG Mori DMU 50",
        equipment_model="DMU 50",
    )  # fmt: skip
    make_offer(facility, operator)
    return organization


def _by_name(matches):
    return {m.organization.short_name: m for m in matches}


def test_an_order_finds_the_workshops_that_can_make_it_with_the_reasons():
    workshop = _workshop(short_name="ООО Фрезер")
    plastics = with_status(OrganizationFactory(short_name="ООО Полимер"))
    ProductFactory(organization=plastics, name="Литьё пластмасс под давлением")
    nobody = with_status(OrganizationFactory(short_name="ООО Консалтинг"))
    no_status = OrganizationFactory(short_name="ООО Без статуса")
    make_offer(make_facility(no_status, is_published=True)[0], member_of(no_status))
    order = an_order(items=[item(), item(name="Корпус", category=category("injection-molding"))])
    found = _by_name(matching.match_order(order))
    assert set(found) >= {"ООО Фрезер", "ООО Полимер"}
    assert nobody.short_name not in found and no_status.short_name not in found
    assert order.organization.short_name not in found
    mill = found["ООО Фрезер"]
    milling_item = order.items.get(category__code="cnc-milling")
    assert mill.items == [milling_item.pk] and mill.may_answer
    assert any("DMU 50" in reason for reason in mill.reasons)  # the equipment
    assert any("Фрезерный участок" in reason for reason in mill.reasons)  # the capacity offer
    assert any("Литьё пластмасс" in r for r in found["ООО Полимер"].reasons)  # the product
    assert list(found)[0] == "ООО Фрезер"  # the evidence of two sources ranks it first
    assert workshop.pk in {m.organization.pk for m in matching.match_order(order)}


def test_the_ratings_after_completed_orders_feed_the_order():
    first, second = _workshop(short_name="ООО А"), _workshop(short_name="ООО Б")
    order = an_order()
    plain = [m.organization.pk for m in matching.match_order(order)]
    assert plain == [first.pk, second.pk]  # equal evidence: by name
    for rated_workshop, score in ((second, 5), (first, 2)):
        delivered, buyer, owner, *_ = a_delivered_order(supplier=rated_workshop)
        services.rating_give(order=delivered, actor=owner, score=score)
    with translation.override("ru"):
        rated = matching.match_order(order)
    assert [m.organization.pk for m in rated] == [second.pk, first.pk]
    assert rated[0].rating == 5.0 and any("5,0 из 5" in r for r in rated[0].reasons)


def test_an_order_to_invited_suppliers_marks_who_may_answer():
    invited, other = _workshop(short_name="ООО Приглашённый"), _workshop(short_name="ООО Другой")
    order = an_order(access="invited", invited=[invited])
    found = _by_name(matching.match_order(order))
    assert found["ООО Приглашённый"].may_answer and not found["ООО Другой"].may_answer
    assert list(found)[0] == "ООО Приглашённый"
    assert other.pk not in set(matching.interested_suppliers(order).values_list("pk", flat=True))


def test_the_buyer_alone_sees_the_matches_on_the_page_and_in_the_api():
    _workshop(short_name="ООО Фрезер")
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    page = _client(owner).get(f"/exchange/orders/{order.pk}/matches/")
    assert page.status_code == 200 and "ООО Фрезер" in page.content.decode()
    english = _client(owner, "en").get(f"/en/exchange/orders/{order.pk}/matches/").content.decode()
    assert "equipment" in english
    api = _client(owner).get(f"/api/v1/exchange/orders/{order.pk}/matches/")
    assert api.status_code == 200 and api.json()[0]["short_name"] == "ООО Фрезер"
    assert api.json()[0]["reasons"]
    _supplier, editor = a_supplier()
    assert _client(editor).get(f"/exchange/orders/{order.pk}/matches/").status_code == 404
    assert _client(editor).get(f"/api/v1/exchange/orders/{order.pk}/matches/").status_code == 404
    assert _client().get(f"/api/v1/exchange/orders/{order.pk}/matches/").status_code == 401


def test_a_supplier_chooses_orders_to_hear_of_and_is_told_at_publication(
    django_capture_on_commit_callbacks,
):
    supplier, editor = a_supplier()
    elsewhere, _ = a_supplier()
    response = _client(editor).post(
        "/exchange/interests/",
        {"organization": supplier.pk, "processes": [category("cnc-milling").pk]},
    )
    assert response.status_code == 302
    assert SupplierInterest.objects.get(organization=supplier).categories.get().code == (
        "cnc-milling"
    )
    services.interest_set(
        organization=elsewhere, actor=member_of(elsewhere, "owner"),
        categories=[category("welding")],
    )  # fmt: skip
    buyer, owner = a_buyer()
    draft = an_order(buyer, owner, publish=False)
    assert not Notification.objects.filter(kind="exchange.order_for_you").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_publish(order=draft, actor=owner)
    told = Notification.objects.filter(kind="exchange.order_for_you")
    assert [n.recipient for n in told] == [editor]
    match = _by_name(matching.match_order(draft))[supplier.short_name]
    assert match.opted_in and any("такие заказы" in r for r in match.reasons)


def test_the_interests_refuse_bad_input_and_change_nothing():
    supplier, editor = a_supplier()
    stranger = with_status(OrganizationFactory())
    client = _client(editor)
    url = f"/api/v1/exchange/interests/{supplier.pk}/"
    assert (
        client.put(url, {"categories": [999999]}, content_type="application/json").status_code
        == 400
    )
    assert client.put(url, {"categories": "x"}, content_type="application/json").status_code == 400
    assert not SupplierInterest.objects.exists()
    other = f"/api/v1/exchange/interests/{stranger.pk}/"
    body = {"categories": [category("welding").pk]}
    assert client.put(other, body, content_type="application/json").status_code == 404
    assert client.get(other).status_code == 404
    ok = client.put(url, body, content_type="application/json")
    assert ok.status_code == 200 and ok.json() == {
        "organization": supplier.pk,
        "categories": [category("welding").pk],
    }
    assert client.get("/api/v1/exchange/interests/").json()[0]["categories"] == body["categories"]
    page = client.post("/exchange/interests/", {"organization": supplier.pk, "processes": ["0"]})
    assert page.status_code == 400
    assert list(SupplierInterest.objects.get().categories.values_list("code", flat=True)) == [
        "welding"
    ]
    assert client.get(f"/exchange/interests/?organization={stranger.pk}").status_code == 404
    assert Organization.objects.count() == 2


def test_the_demo_gives_suppliers_orders_to_hear_of():
    from innocluster.features.exchange import demo

    suppliers = [a_supplier()[0] for _ in range(4)]
    category("welding")  # the lists
    assert demo.build_interests(seed=1, share=2) == 2
    assert demo.build_interests(seed=1, share=2) == 2  # again: nothing doubled
    chosen = SupplierInterest.objects.filter(organization__in=suppliers)
    assert chosen.count() == 2 and all(2 <= i.categories.count() <= 4 for i in chosen)
