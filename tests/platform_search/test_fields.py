"""The stored folded text is the text as a query's words are folded (text.normalize), on both
databases."""

import pytest

from innocluster.platform.search.text import normalize
from tests.facilities.helpers import make_facility

pytestmark = pytest.mark.django_db


def test_a_row_keeps_its_fields_folded_as_queries_are():
    facility, _operator = make_facility(
        name="ЁЛКА Robotics",
        address="Москва, Щёлковское шоссе, 5",
        description_ru="Сборка РОБОТОВ",
        description_en="",
    )
    facility.refresh_from_db()
    joined = " ".join([facility.name, facility.address, "Сборка РОБОТОВ", ""])
    assert facility.search_text == normalize(joined)
    assert facility.search_text.startswith("елка robotics москва, щелковское")
