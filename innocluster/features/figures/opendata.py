"""Open data: the datasets, their data dictionary, a Frictionless data package and a DCAT-AP
catalogue (JSON-LD and Turtle). Each dataset is streamed: rows come from the database in
chunks (`.iterator()`) and leave as they come, never all in memory."""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.csv_export import csv_lines
from innocluster.features.clusters.selectors import cluster_register_rows
from innocluster.features.pilots.selectors import pilot_open_rows
from innocluster.features.support.selectors import award_facts, measure_list, payment_facts
from innocluster.platform.status.selectors import register_list

from .disclosure import TABLES
from .errors import FiguresErrorCode
from .selectors import snapshot_latest, snapshot_on

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CHUNK = 2_000
_NAME = gettext_lazy("the organization's short name")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema: string, integer, number, date, datetime
    description: object
    column: str = ""  # the queryset's lookup that gives it, when not its name


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object
    description: object
    fields: tuple[Field, ...]
    queryset: Callable | None = None  # () -> QuerySet: the rows are its fields' columns
    rows: Callable[..., Iterator[list]] | None = None  # or rows(day=None) -> lists
    dated: bool = False  # takes ?on=YYYY-MM-DD (the figures' snapshots)

    def read(self, *, day=None) -> Iterator[list]:
        """The rows in the fields' order, from the database in chunks."""
        if self.rows is not None:
            return self.rows(day=day)
        columns = [f.column or f.name for f in self.fields]
        rows = self.queryset().values_list(*columns).iterator(chunk_size=CHUNK)
        return (list(row) for row in rows)


def _awards():
    paid = (
        payment_facts()
        .filter(tranche__award=OuterRef("pk"))
        .values("tranche__award")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money = DecimalField(max_digits=16, decimal_places=2)
    return (
        award_facts()
        .annotate(
            paid=Coalesce(
                Subquery(paid, output_field=money), Value(Decimal("0")), output_field=money
            )
        )
        .order_by("pk")
    )


def _series(day=None):
    published = snapshot_on(day=day) if day else snapshot_latest()
    if published is None:
        return
    for code, figure in sorted(published.figures.items()):
        for table in TABLES:
            for group in figure.get(table) or []:
                yield [published.day, code, table, group["key"], group["value"], figure["unit"]]


DATASETS = (
    Dataset(
        "participants",
        gettext_lazy("Register of participants and partners"),
        gettext_lazy("Every status ever granted, with its state today and its organization."),
        (
            Field("register_number", "string", gettext_lazy("register number")),
            Field("status", "string", gettext_lazy("participant or partner"), "kind"),
            Field("state", "string", gettext_lazy("active, suspended or revoked")),
            Field("granted_on", "date", gettext_lazy("the day the status was granted")),
            Field("name", "string", _NAME, "organization__short_name"),
            Field("inn", "string", gettext_lazy("INN"), "organization__inn"),
            Field("ogrn", "string", gettext_lazy("OGRN or OGRNIP"), "organization__ogrn"),
            Field(
                "region",
                "string",
                gettext_lazy("federal subject's code (77 is Moscow)"),
                "organization__region",
            ),
            Field(
                "org_type",
                "string",
                gettext_lazy("organization type code"),
                "organization__org_type",
            ),
        ),
        lambda: register_list().order_by("register_number"),
    ),
    Dataset(
        "support_measures",
        gettext_lazy("Support measures"),
        gettext_lazy("The published catalogue of support measures."),
        (
            Field("code", "string", gettext_lazy("the measure's code")),
            Field("title_ru", "string", gettext_lazy("title in Russian")),
            Field("title_en", "string", gettext_lazy("title in English")),
            Field("level", "string", gettext_lazy("city, federal or development institution")),
            Field("provider", "string", gettext_lazy("who provides it")),
            Field("required_status", "string", gettext_lazy("the status needed to apply")),
        ),
        lambda: measure_list().prefetch_related(None),
    ),
    Dataset(
        "support_awards",
        gettext_lazy("Support awards and payments"),
        gettext_lazy(
            "Every support award: the organization, the measure, the amount awarded and the "
            "amount paid so far, in roubles (awards are public facts on the ledger)."
        ),
        (
            Field("award_id", "integer", gettext_lazy("the award's number"), "pk"),
            Field("inn", "string", gettext_lazy("the recipient's INN"), "organization__inn"),
            Field(
                "name",
                "string",
                gettext_lazy("the recipient's short name"),
                "organization__short_name",
            ),
            Field("measure", "string", gettext_lazy("the measure's code"), "measure__code"),
            Field("amount_rub", "number", gettext_lazy("amount awarded, RUB"), "amount"),
            Field("paid_rub", "number", gettext_lazy("amount paid so far, RUB"), "paid"),
            Field("awarded_at", "datetime", gettext_lazy("when the award was decided")),
        ),
        _awards,
    ),
    Dataset(
        "clusters",
        gettext_lazy("Intersectoral clusters"),
        gettext_lazy("The public intersectoral clusters on the register."),
        (
            Field("register_number", "string", gettext_lazy("register number")),
            Field("name", "string", gettext_lazy("name")),
            Field("status", "string", gettext_lazy("status on the register")),
            Field(
                "lead_inn",
                "string",
                gettext_lazy("the lead organization's INN"),
                "lead_organization__inn",
            ),
            Field(
                "lead_name",
                "string",
                gettext_lazy("the lead organization's short name"),
                "lead_organization__short_name",
            ),
            Field("members", "integer", gettext_lazy("members"), "member_count"),
            Field(
                "counting_members",
                "integer",
                gettext_lazy("members with an active status"),
                "counting_count",
            ),
        ),
        cluster_register_rows,
    ),
    Dataset(
        "pilots",
        gettext_lazy("Pilots with a published result"),
        gettext_lazy("Pilot tests at the city's sites whose result is published."),
        (
            Field("pilot_id", "integer", gettext_lazy("the pilot's number"), "pk"),
            Field("title", "string", gettext_lazy("the solution tested")),
            Field("inn", "string", gettext_lazy("the company's INN"), "organization__inn"),
            Field(
                "name",
                "string",
                gettext_lazy("the company's short name"),
                "organization__short_name",
            ),
            Field("duration_weeks", "integer", gettext_lazy("duration, weeks")),
            Field(
                "published_at",
                "datetime",
                gettext_lazy("when the result was published"),
                "status_changed_at",
            ),
        ),
        pilot_open_rows,
    ),
    Dataset(
        "figures",
        gettext_lazy("The public figures' time series"),
        gettext_lazy(
            "Every table of every figure of a day's snapshot (the latest, or the one of "
            "?on=YYYY-MM-DD), after the disclosure rule: no group of fewer than 5 organizations."
        ),
        (
            Field("day", "date", gettext_lazy("the snapshot's day")),
            Field("figure", "string", gettext_lazy("the figure's code")),
            Field("table", "string", gettext_lazy("by_month, by_year, by_region, …")),
            Field("key", "string", gettext_lazy("the group: a period's first day or a code")),
            Field("value", "number", gettext_lazy("the value")),
            Field("unit", "string", gettext_lazy("unit")),
        ),
        rows=_series,
        dated=True,
    ),
)
BY_NAME = {d.name: d for d in DATASETS}


def _cell(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _json_lines(dataset: Dataset, rows) -> Iterator[str]:
    names = [f.name for f in dataset.fields]
    yield "["
    first = True
    for row in rows:
        item = json.dumps(dict(zip(names, map(_cell, row), strict=True)), ensure_ascii=False)
        yield ("\n" if first else ",\n") + item
        first = False
    yield "\n]\n"


def problem(status: int, code: str, title: str, detail: str) -> HttpResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "code": code}
    return JsonResponse(body, status=status, content_type="application/problem+json")


def dataset(request, name: str, fmt: str):
    data = BY_NAME.get(name)
    if data is None or fmt not in ("csv", "json"):
        raise Http404
    day = None
    if data.dated and request.GET.get("on"):
        try:
            day = date.fromisoformat(request.GET["on"])
        except ValueError:
            return problem(
                400, FiguresErrorCode.BAD_DATE, _("Not a date."), _("Give the date as YYYY-MM-DD.")
            )
    if data.dated and (snapshot_on(day=day) if day else snapshot_latest()) is None:
        return problem(
            404,
            FiguresErrorCode.NO_SNAPSHOT,
            _("No snapshot."),
            _("No figures were published on or before this date.")
            if day
            else _("No figures have been published yet."),
        )
    rows = data.read(day=day)
    suffix = f"-{day.isoformat()}" if day else ""
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines([f.name for f in data.fields], ([_cell(c) for c in r] for r in rows)),
            content_type="text/csv; charset=utf-8",
        )
    else:
        response = StreamingHttpResponse(
            _json_lines(data, rows), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.{fmt}"'
    return response


def _modified():
    latest = snapshot_latest()
    return latest.computed_at if latest else None


def _url(request, name: str, fmt: str) -> str:
    return request.build_absolute_uri(reverse("figures:dataset", args=[name, fmt]))


def index(request):
    return render(
        request,
        "figures/opendata.html",
        {"datasets": DATASETS, "license": LICENSE, "modified": _modified()},
    )


def datapackage_descriptor(request) -> dict:
    """A Frictionless Data Package (v1) describing every dataset's CSV."""
    return {
        "name": "innocluster-open-data",
        "title": _("Open data of the innovation cluster"),
        "licenses": [LICENSE],
        "created": (_modified() or timezone.now()).isoformat(),
        "resources": [
            {
                "name": data.name.replace("_", "-"),
                "title": str(data.title),
                "description": str(data.description),
                "path": _url(request, data.name, "csv"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {
                    "fields": [
                        {"name": f.name, "type": f.type, "description": str(f.description)}
                        for f in data.fields
                    ]
                },
            }
            for data in DATASETS
        ],
    }


def datapackage(request):
    return JsonResponse(datapackage_descriptor(request), json_dumps_params={"ensure_ascii": False})


def catalog_descriptor(request) -> dict:
    """A DCAT-AP catalogue of the datasets, as JSON-LD."""
    modified = _modified()
    catalog_url = request.build_absolute_uri(reverse("figures:opendata"))
    publisher = {"@type": "foaf:Agent", "foaf:name": _("The innovation cluster's fund")}
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": catalog_url,
        "@type": "dcat:Catalog",
        "dct:title": str(_("Open data of the innovation cluster")),
        "dct:description": str(_("Registers, support and the public figures, updated daily.")),
        "dct:publisher": publisher,
        "dct:license": {"@id": LICENSE["path"]},
        **(
            {"dct:modified": {"@value": modified.isoformat(), "@type": "xsd:dateTime"}}
            if modified
            else {}
        ),
        "dcat:dataset": [
            {
                "@id": f"{catalog_url}#{data.name}",
                "@type": "dcat:Dataset",
                "dct:identifier": data.name,
                "dct:title": str(data.title),
                "dct:description": str(data.description),
                "dct:publisher": publisher,
                "dcat:distribution": [
                    {
                        "@id": _url(request, data.name, fmt),
                        "@type": "dcat:Distribution",
                        "dcat:accessURL": {"@id": _url(request, data.name, fmt)},
                        "dcat:downloadURL": {"@id": _url(request, data.name, fmt)},
                        "dcat:mediaType": {
                            "@id": f"https://www.iana.org/assignments/media-types/{media}"
                        },
                        "dct:format": fmt.upper(),
                        "dct:license": {"@id": LICENSE["path"]},
                    }
                    for fmt, media in (("csv", "text/csv"), ("json", "application/json"))
                ],
            }
            for data in DATASETS
        ],
    }


def catalog_jsonld(request):
    return JsonResponse(
        catalog_descriptor(request),
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False},
    )


def catalog_turtle(request):
    from rdflib import Graph

    graph = Graph().parse(data=json.dumps(catalog_descriptor(request)), format="json-ld")
    return HttpResponse(graph.serialize(format="turtle"), content_type="text/turtle; charset=utf-8")
