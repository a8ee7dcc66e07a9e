"""Two applications of one company submitted at the same moment cannot together pass the
measure's yearly cap."""

import threading

import pytest
from django.db import connection, connections

from innocluster.features.support.models import GrantApplication
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.services import cases as review_cases

from ..status.helpers import an_industry
from .helpers import D, a_draft, a_measure, a_participant


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_submissions_share_the_yearly_cap(monkeypatch):
    # Given two drafts of 1,000,000 at 50% each (500,000 asked twice) under a 600,000 yearly cap
    an_industry()
    measure = a_measure(cap_per_company_year=D("600000.00"))
    organization, owner = a_participant()
    drafts = [a_draft(measure, organization, owner) for _ in range(2)]
    # and both are under way, each about to lock its own case, before either has reserved
    both_started = threading.Barrier(2, timeout=10)
    lock_case = review_cases.case_locked

    def lock_together(case):
        both_started.wait()
        return lock_case(case)

    monkeypatch.setattr(review_cases, "case_locked", lock_together)
    errors = []

    def submit(application):
        try:
            reviews.case_submit(case=application.case, actor=owner)
        except Exception as error:  # noqa: BLE001 (asserted below)
            errors.append(error)
        finally:
            connections.close_all()

    # When both are submitted at once
    threads = [threading.Thread(target=submit, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Then one holds 500,000 and the other what was left, 100,000: never 1,000,000 together
    assert errors == []
    requested = sorted(a.requested_amount for a in GrantApplication.objects.all())
    assert requested == [D("100000.00"), D("500000.00")]
