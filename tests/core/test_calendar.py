"""Deadlines on the official 2026 Russian production calendar (Ministry of Labour): the New
Year holidays 1–8 January with 9 January moved from Saturday 3 January, 31 December moved from
Sunday 4 January; 23 February, 9 March (for 8 March, a Sunday), 1 May, 11 May (for 9 May, a
Saturday), 12 June and 4 November."""

import datetime as dt

import pytest

from innocluster.core.calendar import add_business_days, business_days_after, is_business_day

D = dt.date

DAYS_OFF_2026 = [
    D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 5), D(2026, 1, 6), D(2026, 1, 7), D(2026, 1, 8),
    D(2026, 1, 9), D(2026, 2, 23), D(2026, 3, 9), D(2026, 5, 1), D(2026, 5, 11),
    D(2026, 6, 12), D(2026, 11, 4), D(2026, 12, 31),
]  # fmt: skip


@pytest.mark.parametrize("day", DAYS_OFF_2026)
def test_holidays_and_transferred_days_off_are_not_business_days(day):
    assert day.weekday() < 5  # each is a weekday that the calendar takes off
    assert not is_business_day(day)


def test_there_are_247_business_days_in_2026():
    # The official figure for a five-day week in 2026.
    days = (D(2026, 1, 1) + dt.timedelta(n) for n in range(365))
    assert sum(is_business_day(day) for day in days) == 247


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (D(2025, 12, 30), D(2026, 1, 23)),  # 31 Dec 2025 and 1–11 Jan 2026 are all off
        (D(2025, 12, 31), D(2026, 1, 23)),  # submitted on a day off: it counts from the next
        (D(2026, 1, 3), D(2026, 1, 23)),  # a Saturday in the holidays
        (D(2026, 2, 16), D(2026, 3, 3)),  # 23 February is skipped
        (D(2026, 3, 2), D(2026, 3, 17)),  # 9 March is skipped
        (D(2026, 4, 27), D(2026, 5, 13)),  # 1 and 11 May are skipped
        (D(2026, 6, 5), D(2026, 6, 22)),  # 12 June is skipped
        (D(2026, 10, 28), D(2026, 11, 12)),  # 4 November is skipped
        (D(2026, 12, 14), D(2026, 12, 28)),  # the last full fortnight of the year
    ],
)
def test_the_decision_is_due_on_the_tenth_business_day_after_submission(submitted, due):
    assert add_business_days(submitted, 10) == due


def test_business_days_left_count_what_lies_after_today_up_to_the_due_day():
    assert business_days_after(D(2026, 1, 12), D(2026, 1, 23)) == 9
    assert business_days_after(D(2026, 2, 20), D(2026, 2, 25)) == 2  # Mon 23 Feb is off
    assert business_days_after(D(2026, 1, 23), D(2026, 1, 23)) == 0
    assert business_days_after(D(2026, 1, 26), D(2026, 1, 23)) == 0  # overdue: none left
