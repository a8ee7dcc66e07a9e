"""The registry of figure sources: each a small function computing one named figure from the
platform's data, in SQL, already protected by the disclosure rule (disclosure.py).

The sources are registered in sources.py, reading the other features through their selectors
(the KPI reports' too: new jobs, exports and their growth):

    register(FigureSource(code="jobs_reported", label=..., unit=Unit.PEOPLE,
                          methodology=..., compute=jobs_reported, kpis=(Kpi.NEW_JOBS,)))

where `jobs_reported(*, day)` returns a figure (`disclosure.figure(...)` builds one from
grouped rows) or, for facts with an organization and a date, `Facts(...).compute` (several
kinds of facts added: `FactsSum`).
A KPI sums, per year, the figures that name it; `register_kpi_rule` changes how (exports).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .choices import Kpi

# A figure as stored in the snapshot: {"unit", "cumulative", "total", "by_month", "by_year",
# "by_region", "by_org_type", "by_industry"}; each group {"key", "value", "orgs"}.
FigureData = dict


@dataclass(frozen=True)
class FigureSource:
    code: str  # stable: the snapshot's key, the URL's and the open data's
    label: object  # lazy translation
    unit: str  # choices.Unit
    methodology: object  # lazy translation: what is counted, from where, when
    compute: Callable[..., FigureData]  # compute(*, day: date) -> FigureData
    kpis: tuple[str, ...] = ()  # the fund's KPIs this figure counts towards
    headline: bool = True  # among the page's headline numbers
    source: object = ""  # where the data comes from (lazy translation), for the dictionary
    order: int = 100
    facts: object = None  # disclosure.Facts, when the figure is made of them (the drill-down)


_SOURCES: dict[str, FigureSource] = {}


def register(source: FigureSource) -> FigureSource:
    """Add a figure source. Registering the same source again is harmless; another source
    under a taken code is a programming error."""
    if _SOURCES.get(source.code, source) != source:
        raise ValueError(f"A different figure source is already registered as {source.code!r}.")
    _SOURCES[source.code] = source
    return source


def sources() -> list[FigureSource]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.code))


def source_get(code: str) -> FigureSource | None:
    return _SOURCES.get(code)


def compute_all(*, day: date) -> dict[str, FigureData]:
    return {source.code: source.compute(day=day) for source in sources()}


# --- the KPIs ----------------------------------------------------------------------------

# How a KPI's actual value for a year is made of its figures' yearly values (a list of
# (figure code, value or None)) and the snapshot (e.g. the city's export growth).
KpiRule = Callable[[list[tuple[str, object]], dict, int], object]


def _sum_rule(values, snapshot, year):
    known = [float(v) for _code, v in values if v is not None]
    return sum(known) if known else None


@dataclass
class _KpiRules:
    rules: dict[str, KpiRule] = field(default_factory=dict)


_RULES = _KpiRules()


def growth_over_city_rule(values, data, year):
    """The KPI «exports grow faster than the city's average»: the export growth figure's value
    for the year (percent, like for like from the year before) minus the city's average growth
    the fund entered for the year, in percentage points. None while either is unknown (a year
    of fewer than 5 organizations is not published)."""
    city = data.get("export_growth", {}).get(str(year))
    known = [value for _code, value in values if value is not None]
    if city is None or len(known) != 1:
        return None
    return float(known[0]) - float(city)


def register_kpi_rule(kpi: str, rule: KpiRule) -> None:
    """Say how `kpi` is computed from its figures (default: their yearly values summed)."""
    Kpi(kpi)  # a KPI the fund has
    _RULES.rules[kpi] = rule


def kpi_rule(kpi: str) -> KpiRule:
    return _RULES.rules.get(kpi, _sum_rule)


# Exports: the growth figure (percent, kpis=(Kpi.EXPORTS_VS_CITY,)) is compared with the city's
# growth, not summed.
register_kpi_rule(Kpi.EXPORTS_VS_CITY, growth_over_city_rule)


def kpi_figures(kpi: str) -> list[str]:
    return [s.code for s in sources() if kpi in s.kpis]
