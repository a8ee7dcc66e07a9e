"""Facilities, equipment and capacity offers join the one search (platform/search/sources.py,
registered by facilities/search.py)."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.features.facilities import services
from innocluster.features.facilities.selectors import equipment_list_public, offer_list_public
from innocluster.platform.search import sources
from tests.facilities.helpers import make_facility, make_offer, make_resource
from tests.factories import OrganizationFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    """A prototyping centre in Moscow with a CNC mill, a milling offer, and, in the Moscow
    region, a 3D-printing offer."""
    facility, operator = make_facility(
        kind="prototyping_centre",
        name="Центр прототипирования «Формат»",
        description_ru="Быстрое прототипирование и мелкосерийное производство.",
    )
    mill = make_resource(
        facility,
        operator,
        kind="equipment",
        name="Фрезерный станок с ЧПУ",
        equipment_model="DMG Mori CMX 600V",
        specifications="Пятиосевая обработка алюминия и стали, стол 600 × 560 мм.",
        qualification="Допуск к работе на станках с ЧПУ",
    )
    offer = make_offer(
        facility,
        operator,
        title="Свободные часы участка механообработки",
        description="Серийные детали по чертежам заказчика.",
        terms="От 2 500 ₽/час",
    )
    printer_owner = OrganizationFactory(region="50")
    printing = services.offer_create(
        organization=printer_owner,
        actor=member_of(printer_owner, "owner"),
        kind="equipment",
        title="3D-печать металлом на SLM-принтере",
        region="50",
        address="Королёв, ул. Пионерская, 1",
        available_from=dt.date.today(),
        terms="Загрузка принтера от 1 суток",
    )
    return {
        "facility": facility,
        "operator": operator,
        "mill": mill,
        "offer": offer,
        "printing": printing,
    }


def codes(found) -> dict[str, list[str]]:
    return {s.source.code: [i["title"] for i in s.items] for s in found}


def test_the_facilities_app_registers_three_sources_and_the_clusters_one():
    assert [s.code for s in sources.registered()] == [
        "facilities",
        "equipment",
        "capacity_offers",
        "clusters",
        "cluster_projects",  # the clusters' joint projects (clusters/search_projects.py)
        "challenges",  # features/challenges/search.py
        "pilot_sites",
        "pilots",  # published pilot results (features/pilots/search.py)
        "orders",  # features/exchange/search.py
        "vacancies",  # features/jobs/search.py
        "marketplace",  # features/marketplace/search.py
    ]


def test_word_forms_find_equipment_and_the_offer_that_can_mill(workshop):
    found = codes(sources.sections(query="пятиосевой обработки стали"))
    assert found == {"equipment": ["Фрезерный станок с ЧПУ (DMG Mori CMX 600V)"]}
    # «фрезерная» is in the name of the offer's capability (milling), not in its text
    found = codes(sources.sections(query="фрезерная обработка"))
    assert found["capacity_offers"] == ["Свободные часы участка механообработки"]
    assert codes(sources.sections(query="3d печать"))["capacity_offers"] == [
        "3D-печать металлом на SLM-принтере"
    ]
    assert codes(sources.sections(query="прототипирования"))["facilities"] == [
        "Центр прототипирования «Формат»"
    ]


def test_english_words_and_capabilities(workshop):
    assert codes(sources.sections(query="milling"))["capacity_offers"] == [
        "Свободные часы участка механообработки"
    ]
    assert codes(sources.sections(query="DMG mori")) == {
        "equipment": ["Фрезерный станок с ЧПУ (DMG Mori CMX 600V)"]
    }


def test_every_word_must_match(workshop):
    assert sources.sections(query="фрезерный пылесос") == []


def test_a_fleeting_vowel_a_plural_in_y_and_yo_are_the_same_word(workshop):
    mill = ["Фрезерный станок с ЧПУ (DMG Mori CMX 600V)"]
    for query in ("станка", "станки", "фрезерных станков"):
        assert codes(sources.sections(query=query))["equipment"] == mill, query
    facility, operator = make_facility(name="Laboratory of solid-state batteries")
    make_resource(facility, operator, kind="equipment", name="Анализатор твёрдых сплавов")
    assert codes(sources.sections(query="battery"))["facilities"] == [facility.name]
    assert codes(sources.sections(query="laboratories"))["facilities"] == [facility.name]
    for query in ("твердых", "твёрдых", "ТВЁРДЫЙ"):
        found = codes(sources.sections(query=query))
        assert found["equipment"] == ["Анализатор твёрдых сплавов"], query


def test_a_word_matches_from_its_start_only(workshop):
    facility, operator = make_facility(name="Лаборатория программного обеспечения")
    assert sources.sections(query="грамм") == []  # not inside «программного»
    assert sources.sections(query="тип") == []  # not inside «прототипирования»
    assert codes(sources.sections(query="обеспечение"))["facilities"] == [facility.name]


def test_region_narrows_and_nothing_unpublished_or_ended_is_shown(workshop):
    assert "capacity_offers" not in codes(sources.sections(query="3d печать", regions=["77"]))
    assert codes(sources.sections(query="3d печать", regions=["50"]))["capacity_offers"]
    printing = workshop["printing"]
    printing.available_from = dt.date.today() - dt.timedelta(days=30)
    printing.available_until = dt.date.today() - dt.timedelta(days=1)
    printing.save()
    assert sources.sections(query="3d печать") == []
    workshop["facility"].is_published = False
    workshop["facility"].save()
    assert sources.sections(query="фрезерный станок") == []


def test_an_offer_naming_an_unpublished_facility_stays_with_its_owner(client, workshop):
    facility, offer = workshop["facility"], workshop["offer"]
    facility.is_published = False
    facility.save()
    assert "capacity_offers" not in codes(sources.sections(query="механообработки"))
    assert client.get(f"/facilities/offers/{offer.pk}/").status_code == 404
    client.force_login(workshop["operator"])
    assert client.get(f"/facilities/offers/{offer.pk}/").status_code == 200


def test_empty_or_punctuation_only_queries_show_nothing_beside_organizations(workshop):
    for query in ("", "   ", "' \" & | * : ( ) !", "и или"):
        assert sources.sections(query=query) == []


def test_the_search_page_shows_them_above_the_organizations(client, workshop):
    page = client.get("/directory/", {"q": "фрезерный станок"}).content.decode()
    assert 'id="also-equipment"' in page
    assert "<mark>Фрезерный</mark> <mark>станок</mark> с ЧПУ" in page
    assert f'href="/facilities/resources/{workshop["mill"].pk}/"' in page
    assert page.index('id="also-equipment"') < page.index('class="hits"')
    # not without words
    assert "also-found" not in client.get("/directory/").content.decode()


def test_the_page_escapes_what_it_shows(client, workshop):
    facility, operator = make_facility(name="<script>alert(1)</script> Лаборатория")
    page = client.get("/directory/", {"q": "<script> лаборатория"}).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;<mark>script</mark>&gt;" in page


def test_the_api_gives_them_as_also(api, workshop):
    body = api.get("/api/v1/search", {"q": "фрезерная обработка"}).json()
    assert [s["source"] for s in body["also"]] == ["equipment", "capacity_offers"]
    section = body["also"][1]
    assert section["source"] == "capacity_offers"
    assert section["label"] == "Capacity offers"
    assert section["count"] == 1
    assert section["results"][0]["url"] == f"/en/facilities/offers/{workshop['offer'].pk}/"
    assert section["list_url"] == "/en/facilities/offers/?" + urlencode(
        {"q": "фрезерная обработка"}
    )
    body = api.get("/api/v1/search", {"q": "фрезерная обработка", "region": ["77"]}).json()
    assert body["also"][1]["list_url"].endswith("&region=77")
    assert api.get("/api/v1/search", {"q": "станок", "page": 2}).json()["also"] == []
    assert api.get("/api/v1/search").json()["also"] == []


def test_all_n_lists_the_same_things_in_the_same_regions(client, workshop):
    """The owners' lists match words the same way and get the regions, so "All N" shows N."""
    for n in range(4):
        make_resource(
            workshop["facility"], workshop["operator"], kind="equipment", name=f"Станок №{n}"
        )
    elsewhere, operator = make_facility(name="Лаборатория в Подмосковье", region="50")
    make_resource(elsewhere, operator, kind="equipment", name="Станок №5")

    (equipment,) = sources.sections(query="станки", regions=["77"])
    assert equipment.count == 5
    page = client.get(equipment.list_url)
    assert page.status_code == 200
    assert page.context["page"].paginator.count == 5
    assert "Станок №5" not in page.content.decode()

    found = sources.sections(query="фрезерная обработка")
    (offers,) = [s for s in found if s.source.code == "capacity_offers"]
    page = client.get(offers.list_url)
    assert page.context["page"].paginator.count == offers.count == 1
    facilities = client.get("/facilities/", {"q": "прототипированием"}).content.decode()
    assert "Центр прототипирования" in facilities


def test_all_n_asks_the_lists_no_more_than_the_search_read(client, workshop):
    """The search reads at most 200 characters of a query; its links ask for no more."""
    (section,) = sources.sections(query="станок " * 142)
    assert client.get(section.list_url).status_code == 200


def test_sections_cost_the_same_queries_whatever_they_hold(workshop):
    def queries_for(query):
        with CaptureQueriesContext(connection) as queries:
            found = sources.sections(query=query, shown=3)
        return len(queries), [s.count for s in found]

    one = queries_for("фрезерный станок")
    for n in range(5):
        make_resource(
            workshop["facility"],
            workshop["operator"],
            kind="equipment",
            name=f"Фрезерный станок №{n}",
        )
    assert queries_for("фрезерный станок") == (one[0], [6])
    assert one[0] == 2  # one statement finds every source's rows, one loads the equipment shown
    assert queries_for("квазар") == (1, [])


def test_sections_show_the_first_rows_of_the_owners_lists(workshop):
    """Two sources with more matches than are shown, in one statement: each shows the first
    rows of its own list, in its order, and counts them all."""
    for n in range(4):
        make_resource(
            workshop["facility"], workshop["operator"], kind="equipment", name=f"Станок №{n}"
        )
        make_offer(workshop["facility"], workshop["operator"], title=f"Станок напрокат №{n}")
    found = {s.source.code: s for s in sources.sections(query="станок", shown=3)}
    equipment = sources.matching(equipment_list_public(), "станок", "search_text")
    offers = sources.matching(offer_list_public(), "станок", "search_text")
    assert found["equipment"].count == equipment.count() == 5
    assert [i["title"] for i in found["equipment"].items] == [
        f"{r.name} ({r.equipment_model})" if r.equipment_model else r.name for r in equipment[:3]
    ]
    assert found["capacity_offers"].count == offers.count() == 4
    assert [i["title"] for i in found["capacity_offers"].items] == [o.title for o in offers[:3]]


def test_a_changed_text_is_found_by_its_new_words(workshop):
    """The folded column follows every write: the services' saves and a queryset's update."""
    mill = workshop["mill"]
    services.resource_update(resource=mill, actor=workshop["operator"], name="Координатная машина")
    assert [s.count for s in sources.sections(query="координатные")] == [1]
    assert [s.source.code for s in sources.sections(query="фрезерный")] == ["capacity_offers"]
    type(mill).objects.filter(pk=mill.pk).update(specifications="Ёмкость магазина: 24 инструмента")
    assert [s.count for s in sources.sections(query="емкость")] == [1]


def test_one_statement_serves_every_query_of_its_shape(workshop):
    """The statement is built once for one word and one region, then filled with each
    search's own word and region."""
    sources._statement.cache_clear()
    mill = "Фрезерный станок с ЧПУ (DMG Mori CMX 600V)"
    assert codes(sources.sections(query="алюминия", regions=["77"])) == {"equipment": [mill]}
    printing = workshop["printing"].title
    assert codes(sources.sections(query="SLM", regions=["50"])) == {"capacity_offers": [printing]}
    assert sources.sections(query="SLM", regions=["77"]) == []
    info = sources._statement.cache_info()
    assert (info.misses, info.hits) == (1, 2)


def test_an_offer_ending_today_is_not_found_tomorrow(workshop, monkeypatch):
    """The offers' list depends on the day: so does the statement built from it."""
    from django.utils import timezone

    today = timezone.localdate()
    printing = workshop["printing"]
    printing.available_until = today
    printing.save()
    assert codes(sources.sections(query="SLM"))["capacity_offers"] == [printing.title]
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + dt.timedelta(1))
    assert sources.sections(query="SLM") == []


def test_a_word_naming_a_capability_has_a_statement_of_its_own(workshop):
    """What a word names of a source's `also` is part of the statement's shape: "milling"
    (a capability of the offer, not in its text) after «станок» (none) still finds it."""
    sources._statement.cache_clear()
    assert "capacity_offers" not in codes(sources.sections(query="станок"))
    found = codes(sources.sections(query="milling"))
    assert found["capacity_offers"] == [workshop["offer"].title]


def test_registering_a_source_forgets_the_statements_built(workshop):
    sources.sections(query="станок")
    assert sources._statement.cache_info().currsize
    sources.register(sources.registered()[0])  # the same again: the registry is unchanged
    assert sources._statement.cache_info().currsize == 0


def test_matching_any_finds_what_or_ing_each_querys_matches_finds(workshop):
    # Given queries of one word, of two words (every one must match), of a capability's name
    queries = ["пятиосевой обработки", "фрезерная обработка", "3d печать", "пылесос"]
    for base in (equipment_list_public(), offer_list_public()):
        text = "search_text"
        offers = next(s for s in sources.registered() if s.code == "capacity_offers")
        also = offers.also if base.model is offers.queryset().model else None
        # Then one condition finds the same rows, in the same order, as the querysets OR-ed
        one = list(sources.matching_any(base, queries, text, also))
        each = base.none()
        for query in queries:
            each = each | sources.matching(base, query, text, also)
        assert one == list(each) and one
    assert list(sources.matching_any(offer_list_public(), ["!!", "пылесос"], "search_text")) == (
        list(offer_list_public())
    )  # a query of no words matches every row, as `matching` reads it
    assert not sources.matching_any(offer_list_public(), [], "search_text").exists()
