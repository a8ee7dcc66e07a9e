import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from innocluster.core.identifiers import validate_identifiers
from tests.factories import company_inn, company_ogrn, personal_inn, proprietor_ogrnip

SBERBANK = ("7707083893", "1027700132195")


def test_a_real_company_is_valid():
    assert validate_identifiers(kind="legal_entity", inn=SBERBANK[0], ogrn=SBERBANK[1]) == SBERBANK


def test_spaces_and_dashes_are_tolerated():
    assert (
        validate_identifiers(kind="legal_entity", inn=" 7707 083893", ogrn="1027-700132195")[0]
        == (SBERBANK[0])
    )


def _errors(**kwargs) -> dict:
    with pytest.raises(ValidationError) as error:
        validate_identifiers(**kwargs)
    return error.value.message_dict


def test_wrong_inn_checksum_names_the_check_digit():
    errors = _errors(kind="legal_entity", inn="7707083894", ogrn=SBERBANK[1])
    assert list(errors) == ["inn"]
    assert "check digit" in errors["inn"][0]


def test_wrong_ogrn_checksum():
    assert list(_errors(kind="legal_entity", inn=SBERBANK[0], ogrn="1027700132196")) == ["ogrn"]


def test_wrong_length():
    errors = _errors(kind="legal_entity", inn="77070838", ogrn="10277001321")
    assert set(errors) == {"inn", "ogrn"}
    assert "10 digits" in errors["inn"][0]


def test_an_inn_of_the_wrong_kind_is_explained_as_such():
    # A valid 12-digit personal INN given for a legal entity.
    errors = _errors(kind="legal_entity", inn=personal_inn(5), ogrn=SBERBANK[1])
    assert "must have 10 digits for this kind of organization, not 12" in errors["inn"][0]


def test_inn_and_ogrn_each_valid_but_of_different_kinds():
    # A company INN with a sole proprietor's OGRNIP: both numbers pass their own checksums.
    errors = _errors(kind="legal_entity", inn=company_inn(5), ogrn=proprietor_ogrnip(5))
    assert list(errors) == ["ogrn"]
    errors = _errors(kind="sole_proprietor", inn=company_inn(5), ogrn=proprietor_ogrnip(5))
    assert list(errors) == ["inn"]


def test_letters_are_refused():
    assert (
        "digits only" in _errors(kind="legal_entity", inn="77070A3893", ogrn=SBERBANK[1])["inn"][0]
    )


def test_unknown_kind():
    assert list(_errors(kind="ngo", inn=SBERBANK[0], ogrn=SBERBANK[1])) == ["kind"]


@given(st.integers(min_value=1, max_value=9_999_999))
def test_generated_company_identifiers_are_valid(n):
    inn, ogrn = company_inn(n), company_ogrn(n)
    assert validate_identifiers(kind="legal_entity", inn=inn, ogrn=ogrn) == (inn, ogrn)


@given(st.integers(min_value=1, max_value=99_999_999))
def test_generated_proprietor_identifiers_are_valid(n):
    inn, ogrnip = personal_inn(n), proprietor_ogrnip(n)
    assert validate_identifiers(kind="sole_proprietor", inn=inn, ogrn=ogrnip) == (inn, ogrnip)


@given(st.integers(min_value=1, max_value=9_999_999), st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_of_the_check_digit_is_caught(n, delta):
    inn = company_inn(n)
    broken = inn[:-1] + str((int(inn[-1]) + delta) % 10)
    with pytest.raises(ValidationError):
        validate_identifiers(kind="legal_entity", inn=broken, ogrn=company_ogrn(n))


@given(
    st.text(max_size=20), st.text(max_size=20), st.sampled_from(["legal_entity", "sole_proprietor"])
)
def test_arbitrary_text_never_crashes(inn, ogrn, kind):
    try:
        result = validate_identifiers(kind=kind, inn=inn, ogrn=ogrn)
    except ValidationError as error:
        assert set(error.message_dict) <= {"inn", "ogrn"}
    else:
        assert all(part.isdigit() for part in result)
