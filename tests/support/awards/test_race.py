"""Steps of one award taken at the same moment: the award row lock makes them run one after
the other, so the schedule is created once and a tranche is paid once."""

import threading

import pytest
from django.db import connection, connections

from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict
from innocluster.features.support.awards import services
from innocluster.features.support.awards.models import Payment, Tranche
from innocluster.features.support.awards.services import agreements, payments
from innocluster.features.support.errors import SupportErrorCode
from innocluster.platform.ledger.models import Entry

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)"),
    pytest.mark.django_db(transaction=True),
]


def at_once(monkeypatch, module, calls):
    """Run `calls` in threads that all reach the award lock together; their outcomes."""
    together = threading.Barrier(len(calls), timeout=10)
    lock = module.locked_award

    def lock_together(award):
        together.wait()
        return lock(award)

    monkeypatch.setattr(module, "locked_award", lock_together)
    outcomes = []

    def run(call):
        try:
            outcomes.append(call())
        except Exception as error:  # noqa: BLE001 (asserted by the caller)
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_both_sides_accepting_at_once_put_the_agreement_in_force_once(
    award, owner, an_admin, monkeypatch
):
    agreement = award.agreement

    def accept(who):
        return lambda: services.agreement_accept(
            agreement=agreement, actor=who, sha256=agreement.sha256
        )

    outcomes = at_once(monkeypatch, agreements, [accept(owner), accept(an_admin)])
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    agreement.refresh_from_db()
    assert agreement.state == "in_force"
    assert Tranche.objects.filter(award=award).count() == 4
    assert Entry.objects.filter(kind="support.agreement.accepted").count() == 1


def test_one_tranche_paid_twice_at_once_is_paid_once(in_force, an_admin, monkeypatch):
    tranche = in_force.tranches.get(number=1)

    def pay(reference):
        return lambda: services.payment_record(
            tranche=tranche, actor=an_admin, paid_on=moscow_date(), reference=reference
        )

    outcomes = at_once(monkeypatch, payments, [pay("ПП-1"), pay("ПП-2")])
    (loser,) = [o for o in outcomes if isinstance(o, Exception)]
    assert isinstance(loser, Conflict) and loser.code == SupportErrorCode.ALREADY_PAID
    assert Payment.objects.count() == 1
    assert Entry.objects.filter(kind="support.payment.made").count() == 1
