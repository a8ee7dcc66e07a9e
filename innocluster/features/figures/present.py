"""A snapshot's figure as people read it: each group's words in the reader's language, values
in the locale's format, and the charts (cached per snapshot, chart and language: a snapshot
never changes, so neither does its drawing)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.humanize.templatetags.humanize import intword
from django.core.cache import cache
from django.utils import formats
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from innocluster.core.regions import region_name
from innocluster.platform.organizations.choices import OrganizationType

from . import charts
from .choices import OTHER, Unit
from .registry import source_get

TABLES = {
    "by_month": _("by month"),
    "by_year": _("by year"),
    "by_region": _("by region"),
    "by_org_type": _("by organization type"),
    "by_industry": _("by industry"),
}
COLUMN = {
    "by_month": _("month"),
    "by_year": _("year"),
    "by_region": _("region"),
    "by_org_type": _("organization type"),
    "by_industry": _("industry"),
}


def number(value, unit: str = "") -> str:
    """A value in the reader's locale (a decimal comma and grouped thousands in Russian)."""
    if value is None:
        return "—"
    value = Decimal(str(value))
    places = 0 if unit != Unit.PERCENT else 1
    return formats.number_format(round(value, places), places, use_l10n=True, force_grouping=True)


def headline_number(value, unit: str = "") -> str:
    """A headline card's value: past a million in words («1,3 миллиарда», as the city quotes
    its figures), for ten digits overflowed a card; the tables beside give every digit."""
    if value is not None and abs(Decimal(str(value))) >= 1_000_000:
        return intword(int(round(Decimal(str(value)))))
    return number(value, unit)


def group_label(table: str, key: str, labels: dict) -> str:
    if key == OTHER:
        return gettext("other (groups of fewer than 5 organizations together)")
    if table == "by_region":
        return region_name(key)
    if table == "by_org_type":
        try:
            return str(OrganizationType(key).label)
        except ValueError:
            return key
    if table == "by_industry":
        names = labels.get("industry", {}).get(key)
        if names:
            return names[1] if (get_language() or "ru").startswith("en") else names[0]
        return key
    day = date.fromisoformat(key)
    return str(day.year) if table == "by_year" else formats.date_format(day, "m.Y")


@dataclass
class Row:
    key: str
    label: str
    value: object
    shown: str
    running: str = ""
    running_value: Decimal | None = None


def rows(figure: dict, table: str, labels: dict) -> list[Row]:
    unit = figure.get("unit", "")
    result, running = [], Decimal(0)
    for group in figure.get(table) or []:
        row = Row(
            group["key"],
            group_label(table, group["key"], labels),
            group["value"],
            number(group["value"], unit),
        )
        if figure.get("cumulative") and table in ("by_month", "by_year"):
            running += Decimal(str(group["value"]))
            row.running, row.running_value = number(running, unit), running
        result.append(row)
    return result


def unit_label(unit: str) -> str:
    try:
        return str(Unit(unit).label)
    except ValueError:
        return ""


def chart(*, sha256: str, code: str, table: str, figure: dict, labels: dict) -> str:
    """The SVG of one table of a figure, drawn once per snapshot and language."""
    key = f"figures:chart:{sha256}:{code}:{table}:{get_language()}"
    svg = cache.get(key)
    if svg is None:
        svg = _draw(code, table, figure, labels)
        cache.set(key, svg, 60 * 60 * 24 * 2)
    return svg


def _draw(code: str, table: str, figure: dict, labels: dict) -> str:
    source = source_get(code)
    name = str(source.label) if source else code
    title = f"{name}, {TABLES[table]}"
    data = rows(figure, table, labels)
    if not data:
        return ""
    unit = unit_label(figure.get("unit", ""))
    if table in ("by_month", "by_year"):
        cumulative = figure.get("cumulative")
        values = [r.running_value if cumulative else r.value for r in data]
        first, last = data[0], data[-1]
        desc = gettext("%(what)s from %(first)s to %(last)s: %(value)s %(unit)s at the end.") % {
            "what": name,
            "first": first.label,
            "last": last.label,
            "value": (last.running if cumulative else last.shown),
            "unit": unit,
        }
        return charts.line_chart(
            title=title, desc=desc, labels=[r.label for r in data], values=values
        )
    top = max(data, key=lambda r: Decimal(str(r.value)))
    desc = gettext("%(what)s in %(count)s groups; the largest: %(label)s, %(value)s %(unit)s.") % {
        "what": name,
        "count": len(data),
        "label": top.label,
        "value": top.shown,
        "unit": unit,
    }
    if table == "by_region":
        values = {r.key: r.value for r in data if r.key != OTHER}
        return charts.region_map(title=title, desc=desc, values=values)
    return charts.bar_chart(
        title=title, desc=desc, labels=[r.label for r in data], values=[r.value for r in data]
    )
