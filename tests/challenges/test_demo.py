import pytest

from innocluster.features.challenges import demo, selectors
from innocluster.features.challenges.models import Assignment, Challenge, Entry

from .helpers import a_fund_expert, a_participant, a_poster

pytestmark = pytest.mark.django_db


def test_twenty_challenges_with_entries_at_every_stage():
    a_poster()
    a_fund_expert()
    for _ in range(6):
        a_participant()
    report = demo.build(seed=7)
    assert report.challenges == Challenge.objects.count() == 20
    stages = {}
    for challenge in Challenge.objects.all():
        stages.setdefault(challenge.stage(), []).append(challenge)
    assert {s: len(c) for s, c in stages.items()} == {"open": 6, "evaluating": 7, "decided": 7}
    # open: entries but nothing assigned; decided: every entry decided, every score in
    assert not Assignment.objects.filter(entry__challenge__in=stages["open"]).exists()
    assert Entry.objects.filter(challenge__in=stages["open"]).exists()
    assert not Entry.objects.filter(challenge__in=stages["decided"], decision="").exists()
    for challenge in stages["decided"]:
        assert selectors.missing_scores(challenge=challenge) == 0
    assert any(selectors.missing_scores(challenge=c) for c in stages["evaluating"])
