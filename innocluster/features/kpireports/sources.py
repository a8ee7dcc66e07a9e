"""What the platform knows of an organization's year, to fill its report in advance: one small
function per source, each asking the owning feature's selector, each giving the figures it
knows as {indicator code: (value, source label)}. The company confirms or corrects them.

The catalogue's starting codes are the ones filled: `ip_registered` from the IP ledger,
`jobs_created` from hires through the job board (a floor: hires elsewhere are the company's
to add), `cooperative_projects` from joint projects of clusters + pilots finished + orders
won on the exchange, `support_received` from the fund's awards."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_noop

from innocluster.features.clusters.selectors import joint_projects_in
from innocluster.features.exchange.selectors import orders_won
from innocluster.features.ipregistry.selectors import ip_registered_count
from innocluster.features.jobs.selectors import hires_in
from innocluster.features.pilots.selectors import pilots_finished_in
from innocluster.features.support.selectors import awards_received

MOSCOW = ZoneInfo("Europe/Moscow")


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The year as Moscow sees it: [1 January 00:00, next 1 January 00:00)."""
    start = datetime.combine(date(year, 1, 1), time.min, tzinfo=MOSCOW)
    return start, datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=MOSCOW)


def from_ip_ledger(organization_id, start, end):
    count = ip_registered_count(organization_id=organization_id, start=start, end=end)
    return {"ip_registered": [(count, gettext_noop("IP registered on the ledger"))]}


def from_awards(organization_id, start, end):
    _count, amount = awards_received(organization_id=organization_id, start=start, end=end)
    return {"support_received": [(amount, gettext_noop("awards of the fund's measures"))]}


def from_job_board(organization_id, start, end):
    hires = hires_in(organization_id=organization_id, start=start, end=end)
    return {"jobs_created": [(hires, gettext_noop("hires through the job board"))]}


def from_clusters(organization_id, start, end):
    count = joint_projects_in(organization_id=organization_id, start=start.date(), end=end.date())
    return {"cooperative_projects": [(count, gettext_noop("joint projects of clusters"))]}


def from_pilots(organization_id, start, end):
    count = pilots_finished_in(organization_id=organization_id, start=start, end=end)
    return {"cooperative_projects": [(count, gettext_noop("pilots finished"))]}


def from_exchange(organization_id, start, end):
    count = orders_won(organization_id=organization_id, start=start, end=end)
    return {"cooperative_projects": [(count, gettext_noop("orders won on the exchange"))]}


SOURCES = (
    from_ip_ledger,
    from_awards,
    from_job_board,
    from_clusters,
    from_pilots,
    from_exchange,
)


def known_figures(*, organization_id: int, year: int, codes) -> dict:
    """{code: {"value": "…", "sources": {label: "…"}}} for the campaign's `codes`: each
    indicator's sum over the sources that know it (a source that knows nothing adds 0)."""
    start, end = year_bounds(year)
    known: dict[str, dict] = {}
    for source in SOURCES:
        for code, parts in source(organization_id, start, end).items():
            if code not in codes:
                continue
            entry = known.setdefault(code, {"value": Decimal(0), "sources": {}})
            for value, label in parts:
                entry["value"] += Decimal(value)
                entry["sources"][label] = str(value)
    return {code: {**entry, "value": str(entry["value"])} for code, entry in known.items()}
