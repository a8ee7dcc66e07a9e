"""What a booking costs: roubles and kopecks in Decimal, VAT on top of the net price."""

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .choices import PriceUnit, VatRate
from .models import Resource

KOPECK = Decimal("0.01")


class Price(NamedTuple):
    net: Decimal
    vat: Decimal
    total: Decimal


def quote(*, resource: Resource, starts_at: dt.datetime, ends_at: dt.datetime) -> Price:
    """Hourly prices count minutes exactly; daily prices count every started day. VAT is
    rounded once, half up, to the kopeck."""
    net = _net(resource, ends_at - starts_at)
    vat = (net * VatRate(resource.vat_rate).percent / 100).quantize(KOPECK, ROUND_HALF_UP)
    return Price(net, vat, net + vat)


def _net(resource: Resource, length: dt.timedelta) -> Decimal:
    seconds = Decimal(int(length.total_seconds()))
    if resource.price_unit == PriceUnit.HOUR:
        amount = resource.price * seconds / 3600
    elif resource.price_unit == PriceUnit.DAY:
        amount = resource.price * math.ceil(seconds / 86400)
    else:
        amount = Decimal(0)
    return amount.quantize(KOPECK, ROUND_HALF_UP)


def price_with_vat(resource: Resource) -> Decimal:
    """The unit price a person pays, VAT included."""
    vat = (resource.price * VatRate(resource.vat_rate).percent / 100).quantize(
        KOPECK, ROUND_HALF_UP
    )
    return resource.price + vat
