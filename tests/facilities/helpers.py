"""Facilities, resources and slots for the tests: open every day 08:00–22:00, Moscow time."""

import datetime as dt
from decimal import Decimal

from django.utils.html import escape

from innocluster.core.calendar import moscow_date
from innocluster.features.facilities import services
from innocluster.features.facilities.timeutil import at_moscow
from tests.factories import OrganizationFactory, member_of

EVERY_DAY = {day: (dt.time(8), dt.time(22)) for day in range(7)}


def make_facility(organization=None, operator=None, **fields):
    organization = organization or OrganizationFactory()
    operator = operator or member_of(organization, "owner")
    values = {
        "kind": "laboratory",
        "name": "Лаборатория композитов",
        "address": "Москва, Волгоградский проспект, 42",
        "latitude": Decimal("55.706100"),
        "longitude": Decimal("37.723700"),
        **fields,
    }
    facility = services.facility_create(
        organization=organization, actor=operator, hours=EVERY_DAY, **values
    )
    return facility, operator


def make_resource(facility, operator, **fields):
    values = {
        "kind": "room",
        "name": "Переговорная",
        "min_minutes": 30,
        "max_minutes": 240,
        "horizon_days": 60,
        "cancel_hours": 2,
        **fields,
    }
    return services.resource_create(facility=facility, actor=operator, **values)


def make_offer(facility, operator, **fields):
    """A production offer of the facility's workshop: milling and turning, from today."""
    values = {
        "kind": "production",
        "title": "Фрезерный участок: 5-осевая обработка",
        "capabilities": ["milling", "turning"],
        "address": facility.address,
        "available_from": dt.date.today(),
        "terms": "От 2 500 ₽/час, материал заказчика",
        **fields,
    }
    return services.offer_create(
        organization=facility.organization, actor=operator, facility=facility, **values
    )


def slot(days_ahead: int = 2, start: int = 10, end: int = 11):
    """An aware (start, end) pair `days_ahead` days from today, at whole hours in Moscow."""
    day = moscow_date() + dt.timedelta(days=days_ahead)
    return at_moscow(day, dt.time(start)), at_moscow(day, dt.time(end))


def refusal_shown(response, field: str, code: str, form: str = "form") -> bool:
    """The page's `form` refuses `field` (NON_FIELD_ERRORS for the form as a whole) with
    `code`, and the page shows that field's messages, whatever their words."""
    bound = response.context[form]
    page = response.content.decode()
    return bound.has_error(field, code) and all(escape(m) in page for m in bound.errors[field])
