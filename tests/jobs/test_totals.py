"""The bare job search's counts, kept by the writes (core/facettotals.py): after every kind of
write they say what counting the vacancies afresh says, on both databases, and the bare page
reads them instead of counting."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from innocluster.core import facets as kit
from innocluster.core import triggered
from innocluster.features.jobs import services
from innocluster.features.jobs.filters import VacancyFilterSet
from innocluster.features.jobs.models import ProfessionalRole, Vacancy, start_of_today
from innocluster.features.jobs.selectors import vacancy_list_public

from .helpers import employer, make_vacancy

pytestmark = pytest.mark.django_db


def bare():
    filterset = VacancyFilterSet({}, queryset=vacancy_list_public())
    assert filterset.is_valid()
    names = [n for n, f in filterset.filters.items() if kit.is_facet(f) and f.method is None]
    return filterset, names


def kept_and_counted():
    """The kept counts, and the same counted afresh from the vacancies (each facet alone)."""
    cache.clear()  # `update()` moves no cached count's version
    filterset, names = bare()
    kept = kit._kept_counts(filterset, names, [])
    assert kept
    return kept, {name: kit._grouped(filterset, name) for name in names}


@pytest.fixture
def board():
    organization, owner = employer()
    first, _ = make_vacancy(organization, owner)
    second, _ = make_vacancy(
        organization,
        owner,
        title="Тестировщик",
        role=ProfessionalRole.objects.get(slug="tester"),
        work_format="remote",  # no metro station
    )
    return first, second


def test_the_kept_counts_are_the_counted_ones(board):
    kept, counted = kept_and_counted()
    assert kept == counted
    assert kept["work_format"] == {"hybrid": 1, "remote": 1}
    assert sum(kept["metro"].values()) == 1  # no count for "no station"


def test_they_follow_every_kind_of_write(board):
    first, second = board
    owner = first.organization.memberships.get().user
    make_vacancy(first.organization, owner, title="Инженер", work_format="office")
    assert kept_and_counted()[0]["work_format"] == {"hybrid": 1, "remote": 1, "office": 1}
    second.role = ProfessionalRole.objects.get(slug="developer")  # a facet changed, saved
    second.save()
    kept, counted = kept_and_counted()
    assert kept == counted
    Vacancy.objects.filter(pk=first.pk).update(work_format="remote")  # no signals
    kept, counted = kept_and_counted()
    assert kept == counted and kept["work_format"] == {"remote": 2, "office": 1}
    services.vacancy_withdraw(vacancy=first, actor=owner)  # not listed any more
    kept, counted = kept_and_counted()
    assert kept == counted and kept["work_format"] == {"remote": 1, "office": 1}
    second.delete()
    kept, counted = kept_and_counted()
    assert kept == counted and kept["work_format"] == {"office": 1}


def test_a_vacancy_is_counted_until_its_time_ends(board):
    """Vacancies end at a Moscow midnight (services.lifetime); one whose time ended at the
    start of today is not listed, one that ends later today (demo data, an old row) is."""
    first, second = board
    start = start_of_today()
    Vacancy.objects.filter(pk=first.pk).update(expires_at=start)
    kept, counted = kept_and_counted()
    assert kept == counted and kept["work_format"] == {"remote": 1}
    Vacancy.objects.filter(pk=first.pk).update(expires_at=start + dt.timedelta(minutes=1))
    kept, counted = kept_and_counted()
    assert kept == counted and kept["work_format"] == {"hybrid": 1, "remote": 1}
    late = start.astimezone(dt.UTC).replace(hour=23, minute=59)
    Vacancy.objects.filter(pk=second.pk).update(expires_at=late)
    kept, counted = kept_and_counted()
    assert kept == counted and kept["work_format"] == {"hybrid": 1, "remote": 1}
    Vacancy.objects.filter(pk=second.pk).update(expires_at=timezone.now() - dt.timedelta(days=3))
    kept, counted = kept_and_counted()
    assert kept == counted and kept["work_format"] == {"hybrid": 1}


def test_the_bare_page_reads_them_and_its_total_with_them(board, client):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/jobs/")
    assert page.status_code == 200
    statements = [q["sql"] for q in queries.captured_queries]
    assert any("jobs_vacancy_totals" in sql for sql in statements)
    assert not any('FROM "jobs_vacancy"' in sql and "GROUP BY" in sql for sql in statements)
    assert not any("COUNT(*)" in sql and "jobs_vacancy_totals" not in sql for sql in statements)


def test_a_facets_only_choice_reads_its_own_counts_from_them(board):
    """With one facet's values chosen and nothing else, that facet's counts leave its own
    choice out: they are the bare list's. Anything more, or another list, is counted."""
    kept, _counted = kept_and_counted()

    def kept_with(data, queryset=None):
        filterset = VacancyFilterSet(data, queryset=queryset or vacancy_list_public())
        assert filterset.is_valid()
        names = ["role", "work_format", "schedule"]
        return kit._kept_counts(filterset, names, [name for name in data if name in names])

    assert kept_with({"work_format": ["remote"]}) == {"work_format": kept["work_format"]}
    assert kept_with({"work_format": ["remote"], "schedule": ["full_day"]}) == {}
    assert kept_with({"work_format": ["remote"], "q": "тест"}) == {}
    assert kept_with({"work_format": ["remote"]}, Vacancy.objects.all()) == {}  # a moderator's


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite rebuilds tables")
def test_a_rebuilt_table_gets_its_triggers_and_counts_back(board):
    with connection.cursor() as cursor:
        cursor.execute('DROP TRIGGER "jobs_vacancy_totals_insert"')
    first, _second = board
    make_vacancy(first.organization, title="Инженер", work_format="office")
    assert "jobs_vacancy_totals" in triggered.repair()
    kept, counted = kept_and_counted()
    assert kept == counted and kept["work_format"] == {"hybrid": 1, "remote": 1, "office": 1}
