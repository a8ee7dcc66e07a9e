import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from innocluster.core.errors import Conflict
from innocluster.features.exchange import selectors, services
from innocluster.features.exchange.models import Offer, OfferLine
from innocluster.features.exchange.services.offers import offer_hash
from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.ledger.models import Entry
from tests.factories import OrganizationFactory, UserFactory, member_of

from .helpers import a_buyer, a_supplier, an_offer, an_order, close, lines_for

pytestmark = pytest.mark.django_db


def codes(error):
    return {e.code for errors in error.value.error_dict.values() for e in errors}


def sealed_entries(order):
    """The sealed offers' hashes on the ledger: under one subject for every order, so that
    nobody counts an order's offers before the opening."""
    assert not Entry.objects.filter(
        subject=f"exchange_order:{order.pk}", kind="exchange.offer_sealed"
    ).exists()
    return [
        e.content for e in Entry.objects.filter(subject="exchange_offers:sealed")
        if e.kind == "exchange.offer_sealed"
    ]  # fmt: skip


def test_each_version_of_an_offer_puts_its_hash_on_the_ledger():
    order = an_order()
    supplier, editor = a_supplier()
    first = an_offer(order, supplier, editor, "1000", "200")
    second = an_offer(order, supplier, editor, "900", "200")
    assert first.pk == second.pk and second.version == 2
    assert Offer.objects.count() == 1 and OfferLine.objects.count() == 2
    hashes = [entry["payload"]["offer_sha256"] for entry in sealed_entries(order)]
    assert hashes[1] == second.sha256 and hashes[0] != hashes[1]
    # anyone can recompute the hash from the opened offer (its nonce shown after the opening)
    assert offer_hash(second, second.lines.all()) == second.sha256
    # the public payload names neither the supplier nor a price
    assert {tuple(sorted(e["payload"])) for e in sealed_entries(order)} == {
        ("offer_sha256", "version")
    }


def test_nobody_reads_an_offer_before_the_opening_not_the_buyer_nor_the_fund():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    supplier, editor = a_supplier()
    offer = an_offer(order, supplier, editor)
    fund = UserFactory(staff_role=StaffRole.REVIEWER)
    for user in (owner, fund, member_of(OrganizationFactory())):
        assert not selectors.offer_list_visible(user=user, order=order).exists()
        with pytest.raises(Http404):
            selectors.offer_get_visible(user=user, pk=offer.pk)
        with pytest.raises(Http404):
            selectors.comparable_offers(user=user, order=order)
    assert selectors.offer_get_visible(user=editor, pk=offer.pk) == offer
    # the deadline passing is not enough: the opening task opens them
    order.offers_until = timezone.now() - dt.timedelta(seconds=1)
    assert order.is_sealed
    close(order)
    assert selectors.offer_get_visible(user=owner, pk=offer.pk) == offer
    assert list(selectors.comparable_offers(user=fund, order=order)) == [offer]


def test_an_offer_a_second_after_the_deadline_is_refused_by_the_server_clock(monkeypatch):
    order = an_order()
    supplier, editor = a_supplier()
    deadline = order.offers_until
    monkeypatch.setattr(timezone, "now", lambda: deadline - dt.timedelta(seconds=1))
    an_offer(order, supplier, editor)
    monkeypatch.setattr(timezone, "now", lambda: deadline + dt.timedelta(seconds=1))
    with pytest.raises(Conflict) as error:
        an_offer(order, supplier, editor, "1", "1")
    assert error.value.code == "exchange_offers_closed"
    assert Offer.objects.get().version == 1


def test_a_supplier_does_not_offer_on_its_own_order():
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    with pytest.raises(ValidationError) as error:
        an_offer(order, buyer, owner)
    assert codes(error) == {"exchange_own_order"}
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"currency": "USD"}, "exchange_wrong_currency"),
        ({"prices": ("-1", "10")}, "exchange_negative_price"),
        ({"vat": "18"}, "exchange_bad_vat_rate"),
        ({"drop": True}, "exchange_items_mismatch"),
    ],
)
def test_bad_offers_are_refused_and_nothing_is_written(change, code):
    order = an_order()
    supplier, editor = a_supplier()
    lines = lines_for(order, *change.get("prices", ("10", "10")), vat=change.get("vat", "20"))
    if change.get("drop"):
        lines = lines[:1]
    with pytest.raises(ValidationError) as error:
        services.offer_submit(
            order=order, organization=supplier, actor=editor, lead_time_days=10, lines=lines,
            currency=change.get("currency", "RUB"),
        )  # fmt: skip
    assert codes(error) == {code}
    assert not Offer.objects.exists() and not Entry.objects.filter(kind="exchange.offer_sealed")


def test_only_participants_and_partners_or_the_invited_offer():
    order = an_order()
    outsider = OrganizationFactory()
    with pytest.raises(ValidationError) as error:
        an_offer(order, outsider, member_of(outsider, "owner"))
    assert codes(error) == {"exchange_not_allowed_supplier"}
    invited, editor = a_supplier()
    other, other_editor = a_supplier()
    private = an_order(access="invited", invited=[invited])
    an_offer(private, invited, editor)
    with pytest.raises(ValidationError):
        an_offer(private, other, other_editor)


def test_withdrawing_until_the_deadline():
    order = an_order()
    supplier, editor = a_supplier()
    offer = an_offer(order, supplier, editor)
    services.offer_withdraw(offer=offer, actor=editor)
    with pytest.raises(Conflict) as error:
        services.offer_withdraw(offer=offer, actor=editor)
    assert error.value.code == "exchange_offer_withdrawn"
    # a new submission brings it back as a new version
    assert an_offer(order, supplier, editor).status == "submitted"
    close(order)
    with pytest.raises(Conflict):
        services.offer_withdraw(offer=offer, actor=editor)


def test_the_supplier_is_told_its_offer_is_sealed():
    from innocluster.platform.notifications.models import Notification

    order = an_order()
    supplier, editor = a_supplier()
    an_offer(order, supplier, editor)
    assert Notification.objects.filter(recipient=editor, kind="exchange.offer_sealed").exists()
    assert Decimal(Offer.objects.get().lines.first().price) == Decimal("1000.00")
