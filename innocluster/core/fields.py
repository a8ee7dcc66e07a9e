"""Serializer fields of the kernel."""

import datetime as dt

from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

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


class TermSlugField(serializers.SlugRelatedField):
    """A term named by its slug. A value that cannot be a slug is `invalid` before any query:
    PostgreSQL refuses a NUL in the text it is sent (a DataError, a 500)."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or not slug_re.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)
