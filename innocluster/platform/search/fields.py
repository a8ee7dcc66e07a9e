"""The column a searchable model keeps for the search: its text folded once, when written.

Folded as text.normalize folds a query's words (lower case, Cyrillic included, «ё» as «е»), so
sources.matching compares like with like: a substring test and one regular expression on one
column, with no function applied at search time.
"""

from django.db import models
from django.db.models import F, Func, TextField, Value
from django.db.models.functions import Cast, Concat, Replace

from innocluster.core.lookups import UnicodeLower


def folded_text(*names: str) -> Func:
    """`names`' text joined by spaces, in lower case (Cyrillic included), «ё» as «е», as an
    expression a stored GeneratedField can hold. Immutable on PostgreSQL (Concat is `||`
    there); on SQLite it calls ULOWER, so only connections that registered it (every Django
    connection: core.lookups) may write these tables."""
    joined = Concat(*_spaced(names), output_field=TextField())
    return Replace(UnicodeLower(joined), Value("ё"), Value("е"), output_field=TextField())


def _spaced(names):
    for index, name in enumerate(names):
        if index:
            yield Value(" ", output_field=TextField())
        yield Cast(F(name), TextField())  # Char and Text fields mixed: one type for Concat


def search_text_field(*names: str) -> models.GeneratedField:
    """A model's `search_text`: the fields `names` folded, stored, what a Source's `text`
    names."""
    return models.GeneratedField(
        expression=folded_text(*names), output_field=models.TextField(), db_persist=True
    )
