"""The demo's clock: everything that reads the time sees the moment set, inside the block
only; it goes back, never forward, and needs an aware moment."""

import datetime as dt

import pytest
from django.utils import timezone

from innocluster.core.calendar import MOSCOW, moscow_date
from innocluster.core.democlock import clock_at

MOMENT = dt.datetime(2024, 3, 5, 23, 30, tzinfo=dt.UTC)  # already 6 March in Moscow


def test_inside_the_block_now_and_moscow_date_are_the_moment():
    with clock_at(MOMENT):
        assert timezone.now() == MOMENT
        assert moscow_date() == dt.date(2024, 3, 6)
        assert timezone.localtime(timezone=MOSCOW).date() == dt.date(2024, 3, 6)
    assert timezone.now() - MOMENT > dt.timedelta(days=300)


def test_the_clock_comes_back_after_an_error():
    with pytest.raises(RuntimeError), clock_at(MOMENT):
        raise RuntimeError
    assert moscow_date() > dt.date(2024, 3, 6)


def test_the_clock_refuses_the_future_and_a_naive_moment():
    with (
        pytest.raises(ValueError, match="only goes back"),
        clock_at(timezone.now() + dt.timedelta(days=1)),
    ):
        pass
    with pytest.raises(ValueError, match="aware"), clock_at(dt.datetime(2024, 3, 5)):
        pass
