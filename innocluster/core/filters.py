"""Filters of ids and whole numbers, bounded to what the database can hold.

django-filter's NumberFilter reads a Decimal: `?award=-2.5e253` became an integer too large
for SQLite's INTEGER (OverflowError, a 500) and `?award=2.5` quietly meant award 2. An id
filter takes a whole number from 1 to the largest 64-bit integer (every id column of both
databases is at most that), anything else is a 400 naming the filter (`invalid`,
`min_value`, `max_value`). Every list's id filters are `IdFilter` (tests/core/test_filters.py
checks every FilterSet of the API).
"""

import datetime as dt

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from .fields import EARLIEST, LATEST

ID_MIN = 1
ID_MAX = 2**63 - 1


def id_or_none(value) -> int | None:
    """An id a caller sent (a URL part, a form value) as an int the database can look up, or
    None for one that cannot be an id: a lookup of None finds nothing, so the caller's 404
    follows, never SQLite's OverflowError."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if ID_MIN <= number <= ID_MAX else None


class IntegerFilter(django_filters.NumberFilter):
    """A whole number between `min_value` and `max_value` (by default the database's range)."""

    field_class = forms.IntegerField

    def __init__(self, *args, min_value: int = -(2**63), max_value: int = ID_MAX, **kwargs):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)

    def get_max_validator(self):
        return None  # the field's own bounds say it


@extend_schema_field({"type": "integer", "format": "int64", "minimum": ID_MIN, "maximum": ID_MAX})
class IdFilter(IntegerFilter):
    """An object's id: a whole number from 1 to 2^63 - 1."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=ID_MIN, max_value=ID_MAX, **kwargs)


class SlugChoiceField(forms.ModelMultipleChoiceField):
    """Terms named by their slugs. A value that cannot be a slug is an `invalid_choice` before any
    query: PostgreSQL refuses a NUL in the text it is sent (a DataError, a 500)."""

    def _check_values(self, value):
        for slug in value:
            if not isinstance(slug, str) or not slug_re.fullmatch(slug):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": slug},
                )
        return super()._check_values(value)


class FrozenChoices(BaseChoiceIterator):
    """A field's choices, normalized once and never changed. Django normalizes a plain list of
    choices again for the field and again for its widget, and every form deep-copies it, pair
    by pair, each time a form is made: on a job search, 45 normalizations and the copies of
    about a thousand pairs per request, two thirds of its FilterSet's CPU. An iterator of
    choices passes normalization as it is, and one that never changes is shared, not copied."""

    def __init__(self, choices):
        self._pairs = tuple(normalize_choices(list(choices)))

    def __iter__(self):
        return iter(self._pairs)

    def __len__(self):
        return len(self._pairs)

    def __deepcopy__(self, memo):
        return self


class AnyOfField(forms.MultipleChoiceField):
    """Several choices, any of them; blank values are left out. A form of select boxes sends
    its unchosen ones as `kind=`, and links saved from such forms (the old organization list,
    the register's, support's and facilities' before their facets) carry them: a 400 for
    what meant "any"."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item != ""]


class AnyOfFilter(django_filters.MultipleChoiceFilter):
    """Several values of one filter mean any of them (the catalogues' facets).

    As one `field__in` lookup of the values in sorted order, where django-filter ORs one
    equality per value in the order of a set: the same rows, but the ORM builds one lookup
    instead of sixty (a job search with sixty companies chosen spent most of its CPU building
    them, issue 18), and the SQL, which the query cache's keys are made of (core/querycache.py),
    is the same in every process (a set of strings has another order in each)."""

    field_class = AnyOfField

    def __init__(self, *args, **kwargs):
        choices = kwargs.get("choices")
        if choices is not None and not callable(choices):
            kwargs["choices"] = FrozenChoices(choices)  # a callable's: frozen by its FilterSet
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        values = self._values_in(qs, value)
        if values is None:
            return super().filter(qs, value)
        qs = self.get_method(qs)(**{f"{self.field_name}__in": values})
        return qs.distinct() if self.distinct and _spans_many(qs.model, self.field_name) else qs

    def _values_in(self, qs, value) -> list | None:
        """The values chosen as one `field__in` lookup takes them (sorted: the same SQL in every
        process), or None where the filter does more than that lookup (nothing chosen, the
        null value, several fields, another lookup)."""
        values = sorted(set(value or ()), key=str)
        plain = not self.conjoined and self.lookup_expr == "exact" and self.field_name
        if not values or not plain or self.null_value in values or self.is_noop(qs, values):
            return None
        return values

    def condition(self, qs, value) -> Q | None:
        """What `filter` does as one condition on `qs`'s own rows, where it is one: a
        `field__in` of the values chosen, along no relation of many rows (no DISTINCT). None
        when nothing is chosen or the filter does more (`filter` then says it). A FilterSet
        can pass all such conditions in one `filter()` (WordsLastFilterSet): each `filter()`
        copies the query built so far, and a job search's facets, counted each through every
        other filter, made a hundred copies (issue 22)."""
        values = self._values_in(qs, value)
        if values is None or self.exclude or self.method is not None:
            return None
        if _spans_many(qs.model, self.field_name):
            return None
        return Q(**{f"{self.field_name}__in": values})


def _spans_many(model, path: str) -> bool:
    """Whether `path` (a filter's field, `industries` or `organization__region`) passes a
    relation of many rows, whose join can repeat a row: only then is DISTINCT needed. On a plain
    column it only costs: SQLite then sorts the whole list instead of reading the index in its
    order (the job search by salary at 100,000 vacancies: 280 ms against 3)."""
    for name in path.split(LOOKUP_SEP):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


class MomentFormField(IsoDateTimeField):
    """An ISO 8601 time from 2000 to 2099 (as `core.fields.MomentField` takes in bodies), in
    UTC. Python takes offsets up to ±23:59 that PostgreSQL refuses (past ±15:59: a 500 on
    `?starts_after=3543-02-08T16:08:37-22:03`); the same instant in UTC it always takes."""

    default_error_messages = {
        "min_value": _("Give a time in 2000 or later."),
        "max_value": _("Give a time before 2100."),
    }

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        if moment < EARLIEST:
            raise ValidationError(self.error_messages["min_value"], code="min_value")
        if moment >= LATEST:
            raise ValidationError(self.error_messages["max_value"], code="max_value")
        return moment.astimezone(dt.UTC)


class MomentFilter(django_filters.IsoDateTimeFilter):
    """A time of the platform's range, compared in UTC (MomentFormField)."""

    field_class = MomentFormField


class WordsLastFilterSet(django_filters.FilterSet):
    """A catalogue's FilterSet whose free-text filter (`words_filter`) is applied after every
    other: SQLite tests a row's conditions in the order of the statement's WHERE, and the words
    are the dearest of them (a LIKE over the row's whole text, then a regular expression in
    Python), so each row the cheap choices (a role, a district) reject is never read for its
    words. A job search with words and every facet counted a facet's 14,000 rows through 7,000
    regular expressions; now through 26 (issue 22)."""

    words_filter = "q"
    ordering_filters = ("sort",)  # filters that only order the rows
    # While the words are applied: how many other filters cut the rows, and whether every row
    # they leave is read (a facet's count: core/facets.py sets it) or the first few in the
    # list's order (the page), which say how a word index, where there is one, is best used
    # (platform/search/sources.matching).
    words_beside = 0
    counting = False
    # How many chosen filters the rows will have taken out after (core/facets.py makes the
    # rows of every chosen facet's count at once, each facet's own condition then taken out):
    # not counted in `words_beside`, which says what the words stand beside in the end.
    left_out_after = 0

    def filter_queryset(self, queryset):
        """The filters' plain conditions (`AnyOfFilter.condition`) in one `filter()`, then
        every other filter in turn, the words last."""
        data = self.form.cleaned_data
        ordered = sorted(data, key=lambda name: name == self.words_filter)  # stable: the rest
        cutting = set(data) - {self.words_filter, *self.ordering_filters}
        self.words_beside = len([name for name in cutting if data[name]]) - self.left_out_after
        conditions, rest = [], []
        for name in ordered:
            filter_ = self.filters[name]
            condition = None
            if isinstance(filter_, AnyOfFilter):
                condition = filter_.condition(queryset, data[name])
            if condition is None:
                rest.append(name)
            else:
                conditions.append(condition)
        if conditions:
            queryset = queryset.filter(*conditions)
        for name in rest:
            queryset = self.filters[name].filter(queryset, data[name])
        return queryset
