"""Phone numbers: what people type in Russia and abroad passes, what no one can call does not."""

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.phones import is_phone, validate_phone


@pytest.mark.parametrize(
    "typed", ["+7 495 111-22-33", "8 (912) 345-67-89", "84951112233", "+1 650 253 0000"]
)
def test_numbers_people_type_pass(typed):
    assert is_phone(typed)
    validate_phone(typed)


@pytest.mark.parametrize("typed", ["abc", "123", "+7 495", "8 (000) 000-00-00"])
def test_what_no_one_can_call_is_refused_with_its_code(typed):
    with pytest.raises(ValidationError) as refused:
        validate_phone(typed)
    assert refused.value.code == "invalid_phone"


def test_an_empty_phone_is_left_to_the_field_to_require():
    validate_phone("")
