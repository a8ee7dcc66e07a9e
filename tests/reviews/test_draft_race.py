"""One member saves a draft while another submits it, with real threads on PostgreSQL: the
kit's one lock order (case, then submission, then organization) makes one wait for the other,
so there is no deadlock and no error but the expected Conflict, and each round ends
consistent: the save landed before the submission (and the submission kept it), or it was
refused and changed nothing."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from innocluster.core.errors import Conflict
from innocluster.platform.reviews import services
from innocluster.platform.reviews.errors import ReviewErrorCode
from innocluster.platform.reviews.models import Case

from ..status.test_contract import StatusPlug
from .test_contract_fake import FakePlug

ROUNDS = 50


class RacingFakePlug(FakePlug):
    field = "title"  # the fake kind keeps the title as it was at submission


class RacingStatusPlug(StatusPlug):
    field = "contact_position"


def _in_thread(results: dict, name: str, start: threading.Barrier, step) -> threading.Thread:
    def run():
        try:
            start.wait()
            step()
            results[name] = None
        except Exception as error:  # noqa: BLE001 (asserted by the test)
            results[name] = error
        finally:
            connections.close_all()

    return threading.Thread(target=run, name=name)


def _race(plug, applicant, submission, value: str) -> dict:
    """Save `value` as one member while the other submits, both let go at the same moment."""
    start = threading.Barrier(2, timeout=10)
    results: dict = {}
    threads = [
        _in_thread(
            results,
            "save",
            start,
            lambda: services.submission_update(
                submission=submission, actor=applicant.colleague, fields={plug.field: value}
            ),
        ),
        _in_thread(
            results,
            "submit",
            start,
            lambda: services.case_submit(case=submission.case, actor=applicant.member),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread hangs: deadlock"
    return results


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks)")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("plug_class", [RacingStatusPlug, RacingFakePlug], ids=["status", "fake"])
def test_a_draft_saved_while_another_member_submits_it(plug_class):
    plug = plug_class()
    outcomes = Counter()
    for round_ in range(ROUNDS):
        # Given a complete draft of a company with two members who may apply
        applicant = plug.applicant()
        submission = plug.complete(plug.draft(applicant), applicant.member)
        before = getattr(plug.spec.model.objects.get(pk=submission.pk), plug.field)
        value = f"Round {round_}"

        # When one saves a change while the other submits
        results = _race(plug, applicant, submission, value)

        # Then the submission went through, and the save either landed or was told why not
        assert results["submit"] is None, f"round {round_}: {results['submit']!r}"
        refused = results["save"]
        if refused is not None:
            assert isinstance(refused, Conflict), f"round {round_}: {refused!r}"
            assert refused.code == ReviewErrorCode.CASE_STATE
            assert refused.extra["case_status"] == "submitted"
        case = Case.objects.get(pk=submission.case_id)
        kept = plug.spec.submission_of(case)
        assert case.status == "submitted"
        assert list(case.events.values_list("action", flat=True)) == ["created", "submitted"]
        # and what the fund reads agrees with it: nothing written after the submission
        assert getattr(kept, plug.field) == (before if refused else value), f"round {round_}"
        assert kept.updated_at <= case.submitted_at, f"round {round_}: changed after submission"
        assert kept.profile["inn"] == applicant.organization.inn
        if plug.field == "title":
            assert kept.title_at_submission == kept.title, f"round {round_}"
        outcomes["refused" if refused else "saved first"] += 1

    assert sum(outcomes.values()) == ROUNDS
    print(f"{plug.kind}: {dict(outcomes)}")  # noqa: T201 (how the rounds went, with -s)
