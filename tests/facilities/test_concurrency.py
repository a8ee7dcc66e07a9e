"""Never a double booking, never a class over capacity: 50 requests at once, real threads.

On PostgreSQL the races run here, against the test database (the exclusion constraint and
the locked capacity check at work). On SQLite they run in a subprocess on a database file of
their own (see race.py for why), where the immediate transactions do the same job.
"""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from innocluster.features.facilities.errors import FacilityErrorCode as Code

from .race import SCENARIOS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def sqlite_results(tmp_path_factory):
    """All the races, once, in a subprocess on a fresh SQLite file."""
    workdir = tmp_path_factory.mktemp("race")
    completed = subprocess.run(
        [sys.executable, "-m", "tests.facilities.race_sqlite", str(workdir)],
        cwd=settings.PACKAGE_DIR.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RACE ")]
    assert completed.returncode == 0 and lines, completed.stderr[-3000:]
    return json.loads(lines[-1][5:])


@pytest.fixture
def results(request):
    """The results of a scenario on the database the suite runs on."""

    def get(name):
        if connection.vendor == "sqlite":
            return request.getfixturevalue("sqlite_results")[name]
        return json.loads(json.dumps(SCENARIOS[name](), default=str))

    return get


def test_fifty_requests_for_one_room_give_one_booking(results):
    outcome = results("single")
    assert outcome["errors"] == []
    assert outcome["statuses"] == {"201": 1, "409": 49}
    assert outcome["held"] == 1 and outcome["overlapping_pairs"] == 0
    for problem in outcome["conflicts"]:
        assert problem["code"] == Code.SLOT_TAKEN
        assert problem["conflict"]["starts_at"][:16] == outcome["slot"][0][:16]
        assert problem["conflict"]["ends_at"][:16] == outcome["slot"][1][:16]


def test_fifty_requests_for_a_pool_of_five_give_five(results):
    outcome = results("pool")
    assert outcome["errors"] == []
    assert outcome["statuses"] == {"201": 5, "409": 45}
    assert outcome["held"] == 5
    for problem in outcome["conflicts"]:  # every place is taken for the whole slot
        assert problem["code"] == Code.SLOT_TAKEN
        assert problem["conflict"]["starts_at"][:16] == outcome["slot"][0][:16]
        assert problem["conflict"]["ends_at"][:16] == outcome["slot"][1][:16]


def test_fifty_parents_for_five_seats_fill_them_and_wait(results):
    outcome = results("class")
    assert outcome["errors"] == []
    assert outcome["statuses"] == {"201": 50}
    assert (outcome["enrolled"], outcome["waiting"], outcome["seat_bookings"]) == (5, 45, 5)


def test_the_same_child_enrolled_at_once_ten_times_is_enrolled_once(results):
    outcome = results("same_child")
    assert outcome["errors"] == []
    assert outcome["statuses"] == {"201": 1, "409": 9}
    assert outcome["enrolled"] + outcome["waiting"] == 1


def test_seats_freed_at_once_go_each_to_another_child_still_in_line(results):
    """Five seated children and the first two in line withdrawn at once: the five seats go
    to the five children left in line, one each."""
    outcome = results("cancel")
    assert outcome["errors"] == [] and outcome["before"] == [5, 7]
    assert outcome["statuses"] == {"200": 7}
    assert (outcome["enrolled"], outcome["waiting"], outcome["seat_bookings"]) == (5, 0, 5)
    assert outcome["most_seats_of_one_child"] == 1 and outcome["seats_of_no_child"] == 0
