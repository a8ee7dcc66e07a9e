"""The catalogue kit's checkbox facets with counts (core/facets.py) on every catalogue page: the
register, facilities and support measures. Each: the facets render with their counts, a
facet's counts follow the other chosen filters (not its own), two values of a facet mean
either, a bad value is a 400 that says why, and only what the caller may see is counted.

The counts are exact numbers, so the same tests on SQLite and on PostgreSQL (CI runs both;
DATABASE_URL=postgres://… here) say the two databases agree."""

import datetime as dt

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from innocluster.core.calendar import moscow_date
from innocluster.core.facets import FilterPanel, facets_of
from innocluster.features.support.filters import MeasureFilterSet
from innocluster.features.support.models import Measure
from innocluster.features.support.selectors import measure_list
from innocluster.platform.status.models import Status
from tests.facilities.helpers import make_facility, make_resource
from tests.factories import OrganizationFactory, member_of, with_status
from tests.support.helpers import a_measure

pytestmark = pytest.mark.django_db


def counts(response) -> dict[str, dict[str, int]]:
    """The page's facets: {facet: {value: count}}."""
    return {f.name: {v.value: v.count for v in f.values} for f in response.context["panel"].facets}


def shown(response) -> int:
    return response.context["page"].paginator.count


def html(response) -> str:
    return response.content.decode()


# --- the register ------------------------------------------------------------------------------


@pytest.fixture
def register():
    """Two participants in Moscow (one suspended) and a partner in the Moscow region."""
    with_status(OrganizationFactory(region="77", org_type="it_company"), "participant")
    with_status(OrganizationFactory(region="50", org_type="university"), "partner")
    suspended = with_status(OrganizationFactory(region="77", org_type="university"), "participant")
    Status.objects.filter(organization=suspended).update(state="suspended")


def test_the_register_shows_its_filters_as_checkboxes_with_counts(client, register):
    page = client.get("/en/register/")
    assert page.status_code == 200
    found = counts(page)
    assert found["kind"] == {"participant": 2, "partner": 1}
    assert found["state"] == {"active": 2, "suspended": 1}
    assert found["region"] == {"77": 2, "50": 1}
    assert found["org_type"] == {"university": 2, "it_company": 1}
    assert 'type="checkbox" name="kind" value="participant"' in html(page)
    assert '<span class="count">2</span>' in html(page)
    assert "<select" not in html(page).split('id="filter-panel"')[1].split("</details>")[0]


def test_a_register_facets_counts_follow_the_other_filters_not_its_own(client, register):
    found = counts(client.get("/en/register/", {"region": "77"}))
    assert found["region"] == {"77": 2, "50": 1}  # its own choice leaves its counts alone
    assert found["kind"] == {"participant": 2}
    assert found["state"] == {"active": 1, "suspended": 1}


def test_two_values_of_a_register_facet_mean_either(client, register):
    assert shown(client.get("/en/register/", {"kind": "participant"})) == 2
    assert shown(client.get("/en/register/", {"kind": ["participant", "partner"]})) == 3
    assert shown(client.get("/en/register/", {"region": ["77", "50"], "state": "active"})) == 2


def test_a_bad_register_filter_is_a_400_that_says_why(client, register):
    page = client.get("/en/register/", {"kind": "royal"})
    assert page.status_code == 400
    assert "Some filters are not valid" in html(page) and "royal is not one" in html(page)
    assert shown(page) == 0


# --- facilities --------------------------------------------------------------------------------


@pytest.fixture
def facilities():
    """A laboratory with equipment in Moscow, a coworking with a room in the Moscow region, and
    an unpublished laboratory nobody but its operator sees."""
    lab, operator = make_facility(region="77")
    make_resource(lab, operator, kind="equipment", name="Фрезерный станок")
    coworking, operator = make_facility(kind="coworking", name="Коворкинг", region="50")
    make_resource(coworking, operator)
    hidden, hidden_owner = make_facility(name="Закрытая лаборатория", is_published=False)
    make_resource(hidden, hidden_owner, kind="equipment", name="Скрытый станок")
    return hidden_owner


def test_facilities_show_their_filters_as_checkboxes_with_counts(client, facilities):
    page = client.get("/en/facilities/")
    assert page.status_code == 200
    found = counts(page)
    assert found["kind"] == {"laboratory": 1, "coworking": 1}
    assert found["region"] == {"77": 1, "50": 1}
    assert found["resource_kind"] == {"equipment": 1, "room": 1}
    assert 'name="resource_kind" value="equipment"' in html(page)


def test_facility_counts_are_of_what_the_caller_may_see(client, facilities):
    client.force_login(facilities)  # the unpublished laboratory's own operator
    found = counts(client.get("/en/facilities/"))
    assert found["kind"] == {"laboratory": 1, "coworking": 1}  # the catalogue is the public's
    assert found["resource_kind"] == {"equipment": 1, "room": 1}


def test_facility_counts_follow_the_other_filters(client, facilities):
    found = counts(client.get("/en/facilities/", {"kind": "coworking"}))
    assert found["kind"] == {"laboratory": 1, "coworking": 1}
    assert found["resource_kind"] == {"room": 1}
    assert found["region"] == {"50": 1}


def test_two_values_of_a_facility_facet_mean_either(client, facilities):
    assert shown(client.get("/en/facilities/", {"kind": "coworking"})) == 1
    assert shown(client.get("/en/facilities/", {"kind": ["coworking", "laboratory"]})) == 2
    assert shown(client.get("/en/facilities/", {"resource_kind": ["room", "equipment"]})) == 2


@pytest.mark.parametrize("query", [{"kind": "castle"}, {"resource_kind": "yacht"}])
def test_a_bad_facility_filter_is_a_400_that_says_why(client, facilities, query):
    page = client.get("/en/facilities/", query)
    assert page.status_code == 400
    assert "Some filters are not valid" in html(page) and "is not one of the available" in html(
        page
    )


def test_an_htmx_change_gets_the_panel_with_new_counts_and_the_results(client, facilities):
    response = client.get("/en/facilities/", {"kind": "coworking"}, HTTP_HX_REQUEST="true")
    body = html(response)
    assert body.lstrip().startswith('<div id="catalogue"')
    assert 'id="filter-panel"' in body and 'id="results"' in body and "<html" not in body
    assert "HX-Request" in response["Vary"]


# --- support measures --------------------------------------------------------------------------


@pytest.fixture
def measures():
    """A city measure for equipment, open; a federal one for patents, closed; an unpublished
    city one; the measures the migrations seed are set aside (unpublished)."""
    Measure.objects.update(is_published=False)
    a_measure(title_ru="Станки")
    federal = a_measure(
        title_ru="Патенты", level="federal", rules=[("patent_ru", "", "fixed", None, 75000)]
    )
    federal.calls.update(closes_on=moscow_date() - dt.timedelta(days=1))
    a_measure(title_ru="Черновик", is_published=False)


def test_support_measures_show_their_filters_as_checkboxes_with_counts(client, measures):
    page = client.get("/en/support/")
    assert page.status_code == 200
    found = counts(page)
    assert found["level"] == {"city": 1, "federal": 1}
    assert found["category"] == {"equipment": 1, "patent_ru": 1}
    assert found["open_now"] == {"true": 1, "false": 1}
    assert found["required_status"] == {"participant": 2}
    assert 'name="open_now" value="true"' in html(page)


def test_support_counts_follow_the_other_filters(client, measures):
    found = counts(client.get("/en/support/", {"open_now": "true"}))
    assert found["level"] == {"city": 1}
    assert found["category"] == {"equipment": 1}
    assert found["open_now"] == {"true": 1, "false": 1}


def test_two_values_of_a_support_facet_mean_either(client, measures):
    assert shown(client.get("/en/support/", {"level": "city"})) == 1
    assert shown(client.get("/en/support/", {"level": ["city", "federal"]})) == 2
    assert shown(client.get("/en/support/", {"open_now": ["true", "false"]})) == 2
    assert shown(client.get("/en/support/", {"category": ["equipment", "patent_ru"]})) == 2


def test_a_bad_support_filter_is_a_400_that_says_why(client, measures):
    page = client.get("/en/support/", {"level": "galactic"})
    assert page.status_code == 400
    assert "Some filters are not valid" in html(page) and "galactic is not one" in html(page)


# --- the mechanism -----------------------------------------------------------------------------


def test_invalid_filters_list_every_value_without_counts(measures):
    filterset = MeasureFilterSet(QueryDict("level=galactic"), queryset=measure_list())
    (level, *_rest) = facets_of(filterset)
    assert level.name == "level"
    assert {v.value for v in level.values} == {"city", "federal", "institution"}
    assert {v.count for v in level.values} == {None}


def test_the_panel_counts_what_is_chosen_for_the_phones_button(measures):
    data = QueryDict("q=станки&level=city&level=federal&open_now=true")
    filterset = MeasureFilterSet(data, queryset=measure_list())
    panel = FilterPanel(filterset.form, facets_of(filterset))
    assert panel.chosen == 3  # the words are the search box's, outside the panel
    assert panel.search_field.name == "q"
    assert [f.name for f in panel.fields] == []


def test_the_phones_button_says_how_many_filters_are_chosen(client, measures):
    page = html(client.get("/en/support/", {"level": ["city", "federal"]}))
    summary = page.split("<summary", 1)[1].split("</summary>", 1)[0]
    assert "Filters" in summary and "chosen:" in summary and ">2</span>" in summary


def test_a_member_sees_the_same_support_counts(client, measures):
    organization = OrganizationFactory()
    client.force_login(member_of(organization, "owner"))
    assert counts(client.get("/en/support/"))["level"] == {"city": 1, "federal": 1}


# --- counting cheaply (issue 18) ---------------------------------------------------------------


def test_a_facet_s_values_in_any_order_are_one_query():
    """Several values of a facet are one lookup of the values in sorted order: the same rows, and
    the same SQL (the query cache's key) however the link orders them."""
    one = MeasureFilterSet(QueryDict("level=federal&level=city"), queryset=measure_list())
    other = MeasureFilterSet(QueryDict("level=city&level=federal"), queryset=measure_list())
    sql = str(one.qs.query)
    assert sql == str(other.qs.query)
    assert sql.count("level") == 1 + str(measure_list().query).count("level")


def _grouping_statements(filterset) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        facets_of(filterset)
    return [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]


def test_a_facet_of_rows_from_their_own_table_groups_them_directly(measures):
    """Rows no filter joins are grouped themselves: no subquery gathering their keys first, no
    DISTINCT (issue 22: the subquery's form cost 90-170 ms a facet at 100,000 vacancies)."""
    filterset = MeasureFilterSet(QueryDict("level=city"), queryset=measure_list())
    statements = _grouping_statements(filterset)
    assert len(statements) == 3  # level, category, required_status (open_now: by its method)
    by_status = next(sql for sql in statements if "required_status" in sql.split("FROM")[0])
    assert "DISTINCT" not in by_status and "IN (SELECT" not in by_status


def test_a_facet_counts_a_row_once_when_another_filter_joins_many(measures):
    """«Станки» has two equipment cost rules: the category filter joins both, and the other
    facets still count the measure once (through the subquery of its keys)."""
    filterset = MeasureFilterSet(QueryDict("category=equipment"), queryset=measure_list())
    facets = {facet.name: facet for facet in facets_of(filterset)}
    assert {v.value: v.count for v in facets["level"].values} == {"city": 1}
    assert {v.value: v.count for v in facets["required_status"].values} == {"participant": 1}
    statements = _grouping_statements(
        MeasureFilterSet(QueryDict("category=equipment&open_now=true"), queryset=measure_list())
    )
    # level's and required_status's rows join the cost rules (the category chosen), and
    # category's own field is theirs: each through the subquery of the measures' keys
    assert len(statements) == 3
    assert all("support_costrule" in sql and "IN (SELECT" in sql for sql in statements)


def test_a_page_seen_again_reads_its_facets_without_counting(client, register):
    """Every field facet's counts are one cache entry keyed by the page's rows: seen again, no
    facet is counted anew."""
    first = counts(client.get("/en/register/", {"region": "77"}))
    with CaptureQueriesContext(connection) as queries:
        again = counts(client.get("/en/register/", {"region": "77"}))
    assert again == first
    assert not [q for q in queries.captured_queries if "GROUP BY" in q["sql"]]


def test_cached_facets_follow_each_choice_and_every_write(client, register):
    """The one entry is the page's own: another choice counts afresh (its own facet's counts
    stay those of the other filters), and a write shows at once."""
    assert counts(client.get("/en/register/", {"region": "77"}))["kind"] == {"participant": 2}
    found = counts(client.get("/en/register/", {"region": "50"}))
    assert found["kind"] == {"partner": 1}
    assert found["region"] == {"77": 2, "50": 1}
    with_status(OrganizationFactory(region="50", org_type="it_company"), "participant")
    found = counts(client.get("/en/register/", {"region": "50"}))
    assert found["kind"] == {"partner": 1, "participant": 1}
    assert found["region"] == {"77": 2, "50": 2}


def test_a_write_across_a_facet_s_relation_shows_at_once(measures):
    """A facet across a relation (a measure's costs) reads that relation's table, which the
    rows' query does not: its entry is keyed by that table's version too."""

    def categories() -> dict:
        filterset = MeasureFilterSet(QueryDict(""), queryset=measure_list())
        return {f.name: {v.value: v.count for v in f.values} for f in facets_of(filterset)}[
            "category"
        ]

    assert categories() == {"equipment": 1, "patent_ru": 1}
    machines = Measure.objects.get(title_ru="Станки")
    machines.cost_rules.create(category="leasing", origin="any", mode="share", percent=20)
    assert categories() == {"equipment": 1, "patent_ru": 1, "leasing": 1}


def test_cached_facets_are_of_what_each_caller_may_see(client, facilities):
    """The public's catalogue and an operator's own list of facilities are different rows, so
    different entries; the counts of a method facet (resource kind) follow the other filters
    as they are counted value by value."""
    assert counts(client.get("/en/facilities/"))["kind"] == {"laboratory": 1, "coworking": 1}
    client.force_login(facilities)
    assert counts(client.get("/en/facilities/"))["kind"] == {"laboratory": 1, "coworking": 1}
    found = counts(client.get("/en/facilities/", {"region": "50"}))
    assert found["resource_kind"] == {"room": 1}
    assert found["kind"] == {"coworking": 1}


def test_a_catalogue_page_reads_keys_first_in_the_list_s_order_with_its_annotations(rf):
    """The catalogues' pages (page_of with a cached count) read the page's keys in the list's
    order, then those rows: the same rows, in the same order, annotations included."""
    from django.db.models import F, Value

    from innocluster.core.listing import page_of
    from innocluster.platform.organizations.models import Organization

    for n, region in enumerate(["50", "77", "50", "78", "77"]):
        OrganizationFactory(region=region, headcount=10 + n)
    rows = Organization.objects.annotate(mark=Value(7)).order_by("region", F("headcount").desc())
    expected = list(rows)
    request = rf.get("/", {"page": "2"})
    page = page_of(request, rows, size=2, cached_count=True)
    assert [o.pk for o in page.object_list] == [o.pk for o in expected[2:4]]
    assert [o.mark for o in page.object_list] == [7, 7]
    assert page.paginator.count == 5
    assert list(page_of(rf.get("/"), rows.none(), size=2, cached_count=True).object_list) == []
