"""Serializer fields of the kernel."""

import datetime as dt

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
