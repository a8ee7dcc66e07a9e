"""Two approvals at once for the last place of a site: one pilot, one 409 (PostgreSQL's row
locks on the sites)."""

import threading

import pytest
from django.db import connection, connections

from innocluster.core.errors import Conflict
from innocluster.features.pilots import consent as consenting
from innocluster.features.pilots.models import Pilot, SiteConsent
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.models import Case

from ..status.helpers import reviewer
from .proposal_helpers import a_proposal, a_site_person


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
@pytest.mark.django_db(transaction=True)
def test_two_approvals_for_the_last_place_give_one_pilot_and_a_409(monkeypatch):
    site, _ = a_site_person(capacity=1)
    proposals = [a_proposal([site]), a_proposal([site])]
    for proposal in proposals:
        reviews.case_submit(case=proposal.case, actor=proposal.case.created_by)
    both_there = threading.Barrier(2, timeout=10)
    locked_sites = consenting._locked_sites

    def lock_together(site_ids):
        both_there.wait()
        return locked_sites(site_ids)

    monkeypatch.setattr(consenting, "_locked_sites", lock_together)
    outcomes = []

    def approve(proposal, who):
        try:
            reviews.case_decide(case=proposal.case, reviewer=who, decision="approve")
            outcomes.append("approved")
        except Exception as error:  # noqa: BLE001 (asserted below)
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=approve, args=(proposal, reviewer())) for proposal in proposals
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "deadlocked"

    refused = [outcome for outcome in outcomes if outcome != "approved"]
    assert outcomes.count("approved") == 1 and len(refused) == 1, outcomes
    assert isinstance(refused[0], Conflict) and refused[0].code == "pilot_site_full"
    assert Pilot.objects.count() == SiteConsent.objects.count() == 1
    assert sorted(Case.objects.values_list("status", flat=True)) == ["approved", "submitted"]
