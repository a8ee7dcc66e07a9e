"""Payments: by a fund administrator, in order, each for exactly its tranche; a tranche
whose report is not accepted is held."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, NotFound, PermissionDenied, codes_by_field
from innocluster.features.support.awards import services
from innocluster.features.support.awards.models import Payment
from innocluster.features.support.errors import SupportErrorCode as Code
from innocluster.platform.ledger.models import Entry
from innocluster.platform.notifications.models import Notification

from .helpers import accept_report, file_report

pytestmark = pytest.mark.django_db


def tranche(award, number):
    return award.tranches.get(number=number)


def pay(award, number, actor, **fields):
    fields = {"paid_on": moscow_date(), "reference": f"ПП-{number}", **fields}
    return services.payment_record(tranche=tranche(award, number), actor=actor, **fields)


def test_the_advance_is_paid_for_exactly_its_amount(in_force, an_admin, owner):
    payment = pay(in_force, 1, an_admin, reference="  ПП   №123 ")
    assert payment.amount == tranche(in_force, 1).amount
    assert payment.reference == "ПП №123" and payment.recorded_by == an_admin
    assert tranche(in_force, 1).state == "paid"
    entry = Entry.objects.get(kind="support.payment.made")
    assert entry.subject == f"award:{in_force.pk}"
    assert entry.content["payload"]["amount"] == "250000.00"
    assert entry.content["payload"]["tranche"] == 1
    assert Notification.objects.get(kind="support.payment.made").recipient == owner


def test_paying_twice_is_a_conflict(in_force, an_admin):
    pay(in_force, 1, an_admin)
    with pytest.raises(Conflict) as refused:
        pay(in_force, 1, an_admin)
    assert refused.value.code == Code.ALREADY_PAID
    assert Payment.objects.count() == 1


def test_tranches_are_paid_in_order(in_force, an_admin):
    with pytest.raises(Conflict) as refused:
        pay(in_force, 3, an_admin)
    assert refused.value.code == Code.TRANCHE_OUT_OF_ORDER


def test_an_unfiled_report_holds_the_next_tranche(in_force, an_admin, owner, a_reviewer):
    pay(in_force, 1, an_admin)
    with pytest.raises(Conflict) as refused:
        pay(in_force, 2, an_admin)
    assert (refused.value.code, refused.value.status) == (Code.REPORT_MISSING, 409)
    report = tranche(in_force, 2).report
    file_report(report, owner)
    with pytest.raises(Conflict) as still:
        pay(in_force, 2, an_admin)  # filed is not enough: the fund accepts it first
    assert still.value.code == Code.REPORT_MISSING
    accept_report(report, a_reviewer)
    assert pay(in_force, 2, an_admin).amount == tranche(in_force, 2).amount
    assert not Payment.objects.filter(tranche__number=3).exists()


@pytest.mark.parametrize(
    "fields, field, code",
    [
        ({"paid_on": dt.date(2999, 1, 1)}, "paid_on", Code.PAID_IN_FUTURE),
        ({"paid_on": "2026-01-01"}, "paid_on", "invalid"),  # a string, not a date
        ({"paid_on": None}, "paid_on", "required"),
        ({"reference": "   "}, "reference", "required"),
        ({"reference": ""}, "reference", "required"),
        ({"reference": "x" * 65}, "reference", "max_length"),
    ],
)
def test_bad_input_records_nothing(in_force, an_admin, fields, field, code):
    with pytest.raises(ValidationError) as refused:
        pay(in_force, 1, an_admin, **fields)
    assert codes_by_field(refused.value) == {field: [code]}
    assert not Payment.objects.exists() and tranche(in_force, 1).state == "scheduled"


def test_a_payment_cannot_predate_the_agreement(in_force, an_admin):
    before = in_force.agreement.in_force_on - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        pay(in_force, 1, an_admin, paid_on=before)
    assert codes_by_field(refused.value) == {"paid_on": [Code.PAID_BEFORE_IN_FORCE]}


@pytest.mark.parametrize(
    "who, error",
    [
        ("owner", PermissionDenied),
        ("a_reviewer", PermissionDenied),
        ("stranger", NotFound),
    ],
)
def test_only_a_fund_administrator_records_payments(in_force, request, who, error):
    with pytest.raises(error):
        pay(in_force, 1, request.getfixturevalue(who))
    assert not Payment.objects.exists()
