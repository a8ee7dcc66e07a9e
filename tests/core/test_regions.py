"""A legal entity's INN opens with its region's tax office code: the forms preselect the
region from it, and the services take it when the region is left empty."""

import pytest

from innocluster.core.regions import CODES, REGION_BY_INN_PREFIX, region_from_inn


@pytest.mark.parametrize(
    ("inn", "region"),
    [
        ("7707083893", "77"),  # Sberbank, Moscow
        ("7713140469", "77"),  # Kaspersky Lab, Moscow
        ("7803002209", "78"),  # Lenenergo, Saint Petersburg
        ("5032292612", "50"),  # Mosoblgaz, Moscow Oblast
        ("1644003838", "16"),  # Tatneft, Tatarstan
        ("8101000000", "59"),  # Komi-Permyak okrug's code, merged into Perm Krai in 2005
        ("8401000000", "24"),  # Taimyr's code, merged into Krasnoyarsk Krai in 2007
        ("500100732259", "50"),  # a sole proprietor's 12 digits: the same rule
    ],
)
def test_the_first_two_digits_of_an_inn_name_its_region(inn, region):
    assert region_from_inn(inn) == region


@pytest.mark.parametrize("inn", ["", "7", "ab12345678", "9909000000", None])
def test_an_inn_that_names_no_region_gives_none(inn):
    assert region_from_inn(inn) is None


def test_every_region_is_reached_by_its_own_code_and_every_prefix_names_a_region():
    assert {code: REGION_BY_INN_PREFIX[code] for code in CODES} == {c: c for c in CODES}
    assert set(REGION_BY_INN_PREFIX.values()) <= CODES


@pytest.mark.parametrize("language", ["ru", "en", "en-gb", None])
def test_the_choices_are_each_region_named_in_the_active_language(language):
    from django.utils import translation

    from innocluster.core.regions import REGIONS, region_choices, region_name

    with translation.override(language):
        expected = [(code, f"{code} — {region_name(code)}") for code, _ru, _en in REGIONS]
        assert region_choices() == expected
        assert region_choices() is not region_choices()  # a list of its own for each caller
    assert dict(expected)["77"].endswith(
        "Moscow" if language and language.startswith("en") else "Москва"
    )
