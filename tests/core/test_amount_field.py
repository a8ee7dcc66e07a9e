"""AmountField reads a number as the page's language writes it."""

from decimal import Decimal

import pytest
from django.utils import translation

from innocluster.core.forms import AmountField


@pytest.mark.parametrize(
    ("language", "typed", "read"),
    [
        ("ru", "1 000,50", Decimal("1000.50")),
        ("ru", "1\u00a0000,5", Decimal("1000.5")),
        ("ru", "1000.50", Decimal("1000.50")),
        ("ru", "12,5", Decimal("12.5")),
        ("en", "1,000", Decimal("1000")),  # a thousand pieces, never 1 (the merge's review)
        ("en", "2,500.75", Decimal("2500.75")),
        ("en", "12.5", Decimal("12.5")),
    ],
)
def test_a_number_is_read_in_the_pages_language(language, typed, read):
    with translation.override(language):
        assert AmountField(decimal_places=3).clean(typed) == read
