"""Dates in a notification read in the reader's language, not as ISO text."""

from django.utils import translation

from innocluster.platform.notifications.rendering import render


def test_a_due_date_reads_as_the_reader_writes_dates():
    context = {"number": "S-000001", "organization": "ООО Ромашка", "due": "2026-12-18"}

    with translation.override("ru"):
        _title, russian = render("review.submitted", context)
    with translation.override("en"):
        _title, english = render("review.submitted", context)

    assert "18.12.2026" in russian and "2026-12-18" not in russian
    assert "12/18/2026" in english


def test_text_that_only_looks_like_a_date_stays_as_it_is():
    with translation.override("ru"):
        _title, body = render("review.info_requested", {"number": "S-1", "reason": "2026-13-45"})
    assert "2026-13-45" in body


def test_a_sum_of_money_reads_with_the_readers_separators():
    context = {"order": "Фланцы", "amount": "1440000.50", "starts_on": "2026-12-18"}
    context["ends_on"] = "2027-02-16"
    with translation.override("ru"):
        _title, russian = render("exchange.contract_recorded", context)
    with translation.override("en"):
        _title, english = render("exchange.contract_recorded", context)
    assert "1\xa0440\xa0000,50" in russian and "1440000.50" not in russian
    assert "1,440,000.50" in english and "12/18/2026" in english


def test_only_a_plain_number_under_an_amount_name_is_read_as_money():
    with translation.override("ru"):
        _title, body = render("review.info_requested", {"number": "S-1", "reason": "1234.5"})
    assert "1234.5" in body


def test_a_time_reads_as_the_reader_writes_times_in_moscow_time():
    # Given a deadline kept as ISO text in Moscow time (core.calendar.moscow_iso)
    context = {"order": "Фланцы", "version": 1, "deadline": "2026-12-18T15:30+03:00"}
    with translation.override("ru"):
        _title, russian = render("exchange.offer_sealed", context)
    with translation.override("en"):
        _title, english = render("exchange.offer_sealed", context)
    # Then each reader sees it as their language writes it, never as ISO text
    assert "18.12.2026 15:30" in russian and "2026-12-18T" not in russian
    assert "12/18/2026 3:30 p.m." in english and "2026-12-18T" not in english


def test_a_time_in_another_zone_is_shown_in_moscow_time():
    context = {"order": "Фланцы", "version": 1, "deadline": "2026-12-18T09:00:00Z"}
    with translation.override("ru"):
        _title, russian = render("exchange.offer_sealed", context)
    assert "18.12.2026 12:00" in russian


def test_text_that_only_looks_like_a_time_stays_as_it_is():
    with translation.override("ru"):
        _title, body = render(
            "review.info_requested", {"number": "S-1", "reason": "2026-12-18T25:99"}
        )
    assert "2026-12-18T25:99" in body


def test_moscow_iso_keeps_the_minute_in_moscow_time():
    import datetime as dt

    from innocluster.core.calendar import moscow_iso

    moment = dt.datetime(2026, 12, 18, 12, 30, 59, tzinfo=dt.UTC)
    assert moscow_iso(moment) == "2026-12-18T15:30+03:00"
