"""The daily deadline check: reviewers are warned two business days ahead, and overdue cases
are flagged, each once per deadline."""

import datetime as dt

import pytest

from innocluster.core import schedule
from innocluster.platform.notifications.models import Notification
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.models import Case
from innocluster.platform.reviews.services import cases as review_cases

from ..status.helpers import complete_draft

pytestmark = pytest.mark.django_db


def on_day(monkeypatch, day):
    monkeypatch.setattr(review_cases, "moscow_date", lambda: day)


@pytest.fixture
def submitted(organization, owner, a_reviewer, monkeypatch):
    on_day(monkeypatch, dt.date(2026, 2, 16))  # due Tuesday 3 March
    return reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)


def sent(kind):
    return Notification.objects.filter(kind=kind).count()


def test_reviewers_are_warned_two_business_days_before_once(submitted, a_reviewer):
    assert reviews.case_send_deadline_reminders(today=dt.date(2026, 2, 26)) == {
        "due_soon": 0,
        "overdue": 0,
    }
    # Friday 27 Feb: two business days later is Tuesday 3 March
    assert reviews.case_send_deadline_reminders(today=dt.date(2026, 2, 27))["due_soon"] == 1
    assert reviews.case_send_deadline_reminders(today=dt.date(2026, 2, 27))["due_soon"] == 0
    assert sent("review.due_soon") == 1
    assert Notification.objects.get(kind="review.due_soon").recipient == a_reviewer


def test_overdue_cases_are_flagged_once_and_filtered_in_the_queue(submitted):
    assert not Case.objects.overdue(dt.date(2026, 3, 3)).exists()
    assert reviews.case_send_deadline_reminders(today=dt.date(2026, 3, 4))["overdue"] == 1
    assert reviews.case_send_deadline_reminders(today=dt.date(2026, 3, 5))["overdue"] == 0
    assert sent("review.overdue") == 1
    assert submitted.events.filter(action="overdue").count() == 1
    assert Case.objects.overdue(dt.date(2026, 3, 4)).get() == submitted


def test_the_check_is_a_daily_job_of_the_scheduler():
    job = {j.name: j for j in schedule.jobs()}["reviews.deadline_reminders"]
    assert job.at == dt.time(9, 0)


def test_a_deadline_set_with_fewer_than_two_days_left_is_still_warned(
    organization, owner, a_reviewer, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 2, 16))  # due 3 March
    case = reviews.case_submit(case=complete_draft(organization, owner).case, actor=owner)
    on_day(monkeypatch, dt.date(2026, 2, 27))  # 2 Mar and 3 Mar left
    reviews.case_decide(case=case, reviewer=a_reviewer, decision="request_info", reason="More.")
    on_day(monkeypatch, dt.date(2026, 3, 11))  # after that day's run: due 13 March
    case = reviews.case_resubmit(case=case, actor=owner)
    assert case.decision_due == dt.date(2026, 3, 13)
    assert reviews.case_send_deadline_reminders(today=dt.date(2026, 3, 12))["due_soon"] == 1
    assert reviews.case_send_deadline_reminders(today=dt.date(2026, 3, 13))["due_soon"] == 0
