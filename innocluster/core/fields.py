"""Serializer fields of the kernel."""

import datetime as dt

from django.core.validators import MaxLengthValidator, slug_re
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField

EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


class MomentField(serializers.DateTimeField):
    """A date and time from 2000 to 2099. Outside that no booking, closing or deadline of the
    platform makes sense, and a time before 1919 in Moscow has an offset of odd seconds
    (+02:30:17) that no ISO 8601 reader takes back."""

    default_error_messages = {
        "min_value": _("Give a time in 2000 or later."),
        "max_value": _("Give a time before 2100."),
    }

    def to_internal_value(self, value):
        moment = super().to_internal_value(value)
        if moment < EARLIEST:
            self.fail("min_value")
        if moment >= LATEST:
            self.fail("max_value")
        return moment


def _refuse_too_many(field, data) -> None:
    """`max_length` for a list of more than `field.max_length` items, before any item is looked
    at: each one may cost a query, and a 1 MiB body holds a hundred thousand of them."""
    if isinstance(data, list | tuple) and len(data) > field.max_length:
        field.fail("max_length", max_length=field.max_length)


class BoundedListField(serializers.ListField):
    """A ListField that must have a `max_length` (the schema's `maxItems`) and counts the
    items before it validates any."""

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(max_length=max_length, **kwargs)

    def to_internal_value(self, data):
        _refuse_too_many(self, data)
        return super().to_internal_value(data)


class BoundedManyRelatedField(ManyRelatedField):
    """`many=True` of a related field, at most `max_length` items (a ManyRelatedField has no
    such bound of its own): counted before any is looked up, and in the schema as maxItems."""

    default_error_messages = {
        "max_length": serializers.ListField.default_error_messages["max_length"]
    }

    def __init__(self, *, max_length: int, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length
        self.validators.append(MaxLengthValidator(max_length))  # drf-spectacular's maxItems

    def to_internal_value(self, data):
        _refuse_too_many(self, data)
        return super().to_internal_value(data)


@extend_schema_field({"type": "string", "maxLength": 64, "pattern": "^[-a-zA-Z0-9_]+$"})
class TermSlugField(serializers.SlugRelatedField):
    """A term named by its slug. A value that cannot be a slug is `invalid` before any query:
    PostgreSQL refuses a NUL in the text it is sent (a DataError, a 500). With `many=True` it
    takes `max_length`, the most terms one list may name."""

    @classmethod
    def many_init(cls, *args, max_length: int, **kwargs):
        list_kwargs = {key: kwargs[key] for key in kwargs if key in MANY_RELATION_KWARGS}
        return BoundedManyRelatedField(
            child_relation=cls(*args, **kwargs), max_length=max_length, **list_kwargs
        )

    def to_internal_value(self, data):
        if not isinstance(data, str) or not slug_re.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)
