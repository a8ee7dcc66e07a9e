"""Names refuse invisible and control characters (issue 17)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from innocluster.core.names import validate_name

REFUSED = [
    "\u202e",  # right-to-left override
    "\u202a",  # left-to-right embedding
    "\u2066",  # left-to-right isolate
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    "\x00",
    "\x07",
    "\t",
    "\n",
    "\r",
    "\x1b",
    "\x7f",
    "\x85",  # C1: next line
    "\u2028",  # line separator
]


@pytest.mark.parametrize("character", REFUSED)
def test_an_invisible_or_control_character_is_refused(character):
    with pytest.raises(ValidationError) as refused:
        validate_name(f"ООО «Квант{character}exe.pdf»")
    assert refused.value.code == "invisible_character"
    assert f"U+{ord(character):04X}" in refused.value.messages[0]


@pytest.mark.parametrize(
    "name",
    ["ООО «Квант»", "O'Brien & Sons, Ltd.", "Ёлка-2 (Москва)", "株式会社", "שלום", "ИП Иванов И."],
)
def test_names_of_any_script_pass(name):
    validate_name(name)


@given(st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs"])))
def test_visible_text_always_passes(name):
    validate_name(name)
