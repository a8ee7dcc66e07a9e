"""Cached counts (core/querycache.py): a write shows at once, and a count made for one caller is
never shown to another who may see less."""

import pytest

from innocluster.core import querycache
from innocluster.core.querycache import cached_count, cached_counts
from innocluster.platform.organizations.models import Industry, Membership, Organization
from tests.factories import OrganizationFactory, UserFactory, member_of, with_status

pytestmark = pytest.mark.django_db


def register_counts(client) -> tuple[int, dict[str, int]]:
    page = client.get("/en/register/")
    assert page.status_code == 200
    kinds = next(f for f in page.context["panel"].facets if f.name == "kind")
    return page.context["page"].paginator.count, {v.value: v.count for v in kinds.values}


def test_a_new_register_entry_is_counted_at_once(client):
    with_status(OrganizationFactory(region="77"), "participant")
    assert register_counts(client) == (1, {"participant": 1})
    assert register_counts(client) == (1, {"participant": 1})  # from the cache now
    with_status(OrganizationFactory(region="50"), "partner")
    assert register_counts(client) == (2, {"participant": 1, "partner": 1})


def test_a_deletion_is_uncounted_at_once():
    organization = OrganizationFactory()
    member_of(organization), member_of(organization)
    assert cached_count(organization.memberships.all()) == 2
    organization.memberships.first().delete()
    assert cached_count(organization.memberships.all()) == 1


def test_a_count_is_cached_per_query_so_per_caller():
    """Selectors cut a list to the caller with the caller in the query: another caller's
    count is another entry, even when the first one was cached."""
    organization = OrganizationFactory()
    owner, stranger = member_of(organization), member_of(OrganizationFactory())
    Membership.objects.filter(user=stranger).delete()
    assert cached_count(Membership.objects.filter(user=owner)) == 1
    assert cached_count(Membership.objects.filter(user=stranger)) == 0
    assert cached_count(Organization.objects.filter(memberships__user=stranger)) == 0


# --- within one request (issue 18, step 2) -----------------------------------------------------


@pytest.fixture
def in_a_request():
    querycache.request_began()
    yield
    querycache.request_ended()


ORGANIZATIONS = querycache.TABLE_KEY.format(Organization._meta.db_table)


def test_a_request_reads_each_table_s_version_once(monkeypatch):
    OrganizationFactory()
    querycache.request_began()
    reads = []
    real = querycache.cache.get_many
    monkeypatch.setattr(
        querycache.cache, "get_many", lambda keys, **k: reads.append(list(keys)) or real(keys)
    )
    cached_count(Organization.objects.all())
    cached_count(Organization.objects.filter(region="77"))
    cached_counts({"a": Organization.objects.filter(region="50")})
    querycache.request_ended()
    assert [key for keys in reads for key in keys if key.startswith("querycache:table:")] == [
        ORGANIZATIONS
    ]


def test_a_write_in_the_same_request_is_counted_at_once(in_a_request):
    OrganizationFactory()
    assert cached_count(Organization.objects.all()) == 1
    OrganizationFactory()
    assert cached_count(Organization.objects.all()) == 2


def test_another_process_s_write_shows_from_the_next_request():
    OrganizationFactory()
    querycache.request_began()
    assert cached_count(Organization.objects.all()) == 1
    Organization.objects.bulk_create([OrganizationFactory.build()])
    querycache.cache.set(ORGANIZATIONS, "moved-elsewhere", None)  # as another process would
    assert cached_count(Organization.objects.all()) == 1  # this request's version still
    querycache.request_ended()
    querycache.request_began()
    assert cached_count(Organization.objects.all()) == 2
    querycache.request_ended()


def test_outside_a_request_the_versions_are_read_every_time():
    OrganizationFactory()
    assert cached_count(Organization.objects.all()) == 1
    Organization.objects.bulk_create([OrganizationFactory.build()])
    querycache.cache.set(ORGANIZATIONS, "moved-elsewhere", None)
    assert cached_count(Organization.objects.all()) == 2


def test_a_write_to_another_table_keeps_the_count(django_assert_num_queries):
    OrganizationFactory()
    assert cached_count(Organization.objects.all()) == 1
    UserFactory()  # the users' table: not read by the count
    with django_assert_num_queries(0):
        assert cached_count(Organization.objects.all()) == 1


def test_a_write_to_a_table_read_in_a_subquery_is_counted_at_once():
    organization = OrganizationFactory()
    OrganizationFactory()
    with_members = Organization.objects.filter(pk__in=Membership.objects.values("organization_id"))
    assert cached_count(with_members) == 0
    member_of(organization)
    assert cached_count(with_members) == 1


def test_a_many_to_many_change_is_counted_at_once():
    organization = OrganizationFactory()
    industry = Industry.objects.create(slug="robots", name_ru="Роботы", name_en="Robots")
    in_robots = Organization.objects.filter(industries=industry)
    assert cached_count(in_robots) == 0
    organization.industries.add(industry)
    assert cached_count(in_robots) == 1


def test_many_counts_read_together_are_the_counts_and_cached(django_assert_num_queries):
    OrganizationFactory(region="77"), OrganizationFactory(region="77")
    OrganizationFactory(region="50")
    querysets = {
        "moscow": Organization.objects.filter(region="77"),
        "all": Organization.objects.all(),
        "none": Organization.objects.none(),
    }
    expected = {"moscow": 2, "all": 3, "none": 0}
    assert cached_counts(querysets) == expected
    with django_assert_num_queries(0):
        assert cached_counts(querysets) == expected
    OrganizationFactory(region="77")
    assert cached_counts(querysets) == {"moscow": 3, "all": 4, "none": 0}


def test_cached_objects_follow_a_write_to_what_they_prefetch(django_assert_num_queries):
    """Model instances with their prefetches (`cached_objects`): keyed by the tables of each
    prefetched relation too, its many-to-many table among them."""
    from django.db.models import Prefetch

    from innocluster.features.support.models import Call, Measure
    from tests.support.helpers import a_measure, open_call

    Measure.objects.all().delete()
    measure = a_measure()

    def read() -> list[tuple]:
        measures = Measure.objects.prefetch_related(
            "industries", Prefetch("calls", queryset=Call.objects.order_by("opens_on"))
        )
        found = querycache.cached_objects(measures)
        return [(len(m.calls.all()), [i.slug for i in m.industries.all()]) for m in found]

    assert read() == [(1, [])]
    with django_assert_num_queries(0):
        assert read() == [(1, [])]
    open_call(measure, days_before=400, days_after=-300)
    assert read() == [(2, [])]
    industry = Industry.objects.order_by("pk").first()
    measure.industries.add(industry)
    assert read() == [(2, [industry.slug])]
    industry.slug = "renamed"
    industry.save()
    assert read() == [(2, ["renamed"])]


def test_objects_prefetched_through_no_relation_are_never_cached(django_assert_num_queries):
    from innocluster.features.support.models import Measure

    assert querycache.models_along(Measure, "calls__measure__industries") is not None
    assert querycache.models_along(Measure, "summary_ru") == []
    assert querycache.models_along(Measure, "title") is None  # a property
    assert querycache.models_along(Measure, "industries__slug", relations_only=True) is None

    def through_a_property():
        return Measure.objects.filter(pk=0).prefetch_related("title")

    assert querycache._prefetched_tables(through_a_property()) is None
    for _ in range(2):
        with django_assert_num_queries(1):
            assert querycache.cached_objects(through_a_property()) == []
