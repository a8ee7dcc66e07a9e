"""A report's figures checked against the catalogue: each figure's unit, type and range.

`check_figures` takes what a form, the API or a service gives — {code: value} or
{code: {"value": …, "unit": …}} — and returns the stored form: a decimal as a string
("1250000.50", "12"), or a sorted list of ISO 3166 codes for the countries indicator. Every
wrong figure is one ValidationError under `figures` with a code of KpiErrorCode, naming the
indicator; nothing is stored when any is wrong (the model's clean runs before every save).
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries as iso_countries

from .choices import MAX_COUNTRIES, MAX_FIGURE, Validation
from .errors import KpiErrorCode as Code


def check_figures(figures, indicators) -> dict:
    if not isinstance(figures, dict) or len(figures) > len(indicators):
        message = _("Give the figures as indicator codes and values.")
        raise ValidationError({"figures": ValidationError(message, code=Code.UNKNOWN_INDICATOR)})
    by_code = {indicator.code: indicator for indicator in indicators}
    checked, errors = {}, []
    for code, given in figures.items():
        indicator = by_code.get(code)
        if indicator is None:
            text = _("«%(code)s» is not an indicator of this report.") % {"code": str(code)[:40]}
            errors.append(ValidationError(text, code=Code.UNKNOWN_INDICATOR))
            continue
        try:
            value = figure_value(indicator, given)
        except ValidationError as error:
            errors.extend(error.error_list)
            continue
        if value is not None:
            checked[code] = value
    errors.extend(_parts_above_wholes(checked, indicators))
    if errors:
        raise ValidationError({"figures": errors})
    return checked


def figure_value(indicator, given):
    """One figure in its stored form, None when left empty; ValidationError when wrong."""
    if isinstance(given, dict):
        unit = given.get("unit")
        if unit not in (None, "", indicator.unit):
            raise _refusal(
                indicator,
                _("%(name)s is in %(unit)s."),
                Code.WRONG_UNIT,
                unit=indicator.get_unit_display(),
            )
        given = given.get("value")
    if given is None or given == "" or given == []:
        return None
    if indicator.validation == Validation.COUNTRIES:
        return _countries(indicator, given)
    return _number(indicator, given)


def _countries(indicator, given) -> list[str]:
    if isinstance(given, str):
        given = [part for part in given.replace(";", ",").split(",") if part.strip()]
    if not isinstance(given, list) or len(given) > MAX_COUNTRIES:
        raise _refusal(indicator, _("%(name)s: list the countries."), Code.UNKNOWN_COUNTRY)
    codes = set()
    for item in given:
        code = item.strip().upper() if isinstance(item, str) else ""
        if code not in dict(iso_countries):
            text = _("%(name)s: «%(given)s» is not a country code (ISO 3166, e.g. KZ).")
            raise _refusal(indicator, text, Code.UNKNOWN_COUNTRY, given=str(item)[:10])
        codes.add(code)
    return sorted(codes)


def _number(indicator, given) -> str:
    if isinstance(given, bool) or not isinstance(given, (str, int, float, Decimal)):
        raise _refusal(indicator, _("%(name)s: give a number."), Code.NOT_A_NUMBER)
    text = str(given).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _refusal(indicator, _("%(name)s: give a number."), Code.NOT_A_NUMBER) from None
    if not number.is_finite():
        raise _refusal(indicator, _("%(name)s: give a number."), Code.NOT_A_NUMBER)
    low, high = (
        Decimal(0),
        Decimal(100 if indicator.validation == Validation.PERCENT else MAX_FIGURE),
    )
    if not low <= number <= high:
        text = _("%(name)s: from %(low)s to %(high)s.")
        raise _refusal(
            indicator, text, Code.OUT_OF_RANGE, low=low, high=f"{high:,}".replace(",", " ")
        )
    if indicator.validation == Validation.WHOLE and number != number.to_integral_value():
        raise _refusal(indicator, _("%(name)s: a whole number."), Code.NOT_WHOLE)
    if number != number.quantize(Decimal("0.01")):
        raise _refusal(indicator, _("%(name)s: at most two decimals."), Code.TOO_PRECISE)
    places = Decimal(1) if indicator.validation == Validation.WHOLE else Decimal("0.01")
    return format(number.quantize(places), "f")


def _parts_above_wholes(checked: dict, indicators) -> list[ValidationError]:
    """«Of which from innovative products» is never above the revenue it is part of."""
    errors = []
    for indicator in indicators:
        whole = indicator.part_of
        if whole is None or indicator.code not in checked or whole.code not in checked:
            continue
        if Decimal(checked[indicator.code]) > Decimal(checked[whole.code]):
            text = _("%(name)s cannot be above «%(whole)s».")
            errors.append(_refusal(indicator, text, Code.OUT_OF_RANGE, whole=whole.name))
    return errors


def _refusal(indicator, text: str, error_code: str, **values) -> ValidationError:
    return ValidationError(text % {"name": f"«{indicator.name}»", **values}, code=error_code)


def as_number(value) -> Decimal | None:
    """A stored figure as a number: a decimal, or the count of a list of countries."""
    if value is None:
        return None
    return Decimal(len(value)) if isinstance(value, list) else Decimal(value)


def is_jump(value, previous) -> bool:
    """A figure that moved by the factor KPI_JUMP_FACTOR or more from last year's (either
    way): flagged for the reviewer, never refused. From or to zero is a jump too, unless both
    are zero."""
    current, before = as_number(value), as_number(previous)
    if current is None or before is None:
        return False
    factor = Decimal(str(settings.KPI_JUMP_FACTOR))
    if before == 0 or current == 0:
        return current != before
    return current >= before * factor or current * factor <= before
