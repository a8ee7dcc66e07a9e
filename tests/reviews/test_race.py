"""Two reviewers deciding the same case at the same moment: exactly one decision counts."""

import threading

import pytest
from django.db import connection, connections

from innocluster.core.errors import Conflict
from innocluster.platform.ledger.models import Entry
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.errors import ReviewErrorCode
from innocluster.platform.reviews.models import Case
from innocluster.platform.reviews.services import cases as review_cases
from innocluster.platform.status.models import Status

from ..factories import OrganizationFactory, member_of
from ..status.helpers import an_industry, complete_draft, reviewer


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_decisions_record_one_and_the_other_gets_a_conflict(monkeypatch):
    # Given a submitted case and two reviewers who both pass their checks before either locks
    organization = OrganizationFactory()
    organization.industries.add(an_industry())
    owner = member_of(organization, "owner")
    case = reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)
    both_checked = threading.Barrier(2, timeout=10)
    check = review_cases.require_reviewer

    def check_together(**kwargs):
        check(**kwargs)
        both_checked.wait()

    monkeypatch.setattr(review_cases, "require_reviewer", check_together)
    outcomes = []

    def decide(who, decision):
        try:
            reviews.case_decide(case=case, reviewer=who, decision=decision, reason="Checked.")
            outcomes.append(decision)
        except Exception as error:  # noqa: BLE001 (asserted below)
            outcomes.append(error)
        finally:
            connections.close_all()

    # When one approves and the other rejects at once
    threads = [
        threading.Thread(target=decide, args=(reviewer(), "approve")),
        threading.Thread(target=decide, args=(reviewer(), "reject")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Then exactly one decision is recorded, and the other is told the case changed
    (winner,) = [o for o in outcomes if isinstance(o, str)]
    (loser,) = [o for o in outcomes if not isinstance(o, str)]
    assert isinstance(loser, Conflict), loser
    assert loser.code == ReviewErrorCode.CASE_STATE
    case = Case.objects.get(pk=case.pk)
    assert case.status == {"approve": "approved", "reject": "rejected"}[winner]
    assert case.events.filter(action__in=["approved", "rejected"]).count() == 1
    assert Entry.objects.filter(kind="review.decided").count() == 1
    assert Status.objects.exists() == (winner == "approve")
