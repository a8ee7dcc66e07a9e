"""Races after the award on PostgreSQL (row locks), with real threads: two contracts at once
are one contract and a 409; one side's two ratings at once are one rating and a 409."""

import pytest
from django.db import connection
from django.utils import timezone

from innocluster.core.errors import Conflict
from innocluster.features.exchange import services
from innocluster.features.exchange.models import Contract, Rating
from tests.community.test_race import _together

from .after import a_delivered_order, an_awarded_order, contract_values

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)"),
    pytest.mark.django_db(transaction=True),
]


def test_two_contracts_at_once_one_is_recorded():
    order, _, owner, _, _ = an_awarded_order()
    results = _together(
        *[
            lambda n=n: services.contract_record(
                order=order, actor=owner, **contract_values(number=n)
            )
            for n in ("1", "2")
        ]
    )
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(conflicts) == 1 and conflicts[0].code == "exchange_contract_exists", results
    assert Contract.objects.count() == 1


def test_two_deliveries_at_once_one_is_confirmed():
    order, _, owner, _, _ = an_awarded_order()
    services.contract_record(order=order, actor=owner, **contract_values())
    today = timezone.localdate()
    results = _together(
        *[
            lambda: services.delivery_confirm(order=order, actor=owner, delivered_on=today)
            for _ in range(2)
        ]
    )
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(conflicts) == 1 and conflicts[0].code == "exchange_already_delivered", results


def test_one_sides_two_ratings_at_once_are_one_rating():
    order, _, owner, _, _ = a_delivered_order()
    results = _together(
        *[lambda s=s: services.rating_give(order=order, actor=owner, score=s) for s in (2, 5)]
    )
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(conflicts) == 1 and conflicts[0].code == "exchange_already_rated", results
    assert Rating.objects.count() == 1
