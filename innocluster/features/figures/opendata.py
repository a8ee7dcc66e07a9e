"""Open data: the datasets, their data dictionary, a Frictionless data package and a DCAT-AP
catalogue (JSON-LD and Turtle). Each dataset is streamed: rows come from the database in
chunks (`.iterator()`) and leave as they come, never all in memory."""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.csv_export import csv_lines
from innocluster.features.clusters.selectors import cluster_register_rows
from innocluster.features.pilots.selectors import pilot_open_rows
from innocluster.features.support.selectors import award_facts, measure_list
from innocluster.platform.status.selectors import register_list

from .errors import FiguresErrorCode
from .selectors import snapshot_latest, snapshot_on

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CHUNK = 2_000


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema: string, integer, number, date, datetime
    description: object


@dataclass(frozen=True)
class Dataset:
    name: str
    title: object
    description: object
    fields: tuple[Field, ...]
    rows: Callable[..., Iterator[list]]  # rows(day=None) -> lists in the fields' order
    dated: bool = False  # takes ?on=YYYY-MM-DD (the figures' snapshots)


def _values(queryset, names) -> Iterator[list]:
    for row in queryset.values_list(*names).iterator(chunk_size=CHUNK):
        yield list(row)


def _participants(day=None):
    return _values(
        register_list().order_by("register_number"),
        (
            "register_number",
            "kind",
            "state",
            "granted_on",
            "organization__short_name",
            "organization__inn",
            "organization__ogrn",
            "organization__region",
            "organization__org_type",
        ),
    )


def _measures(day=None):
    return _values(
        measure_list().prefetch_related(None),
        ("code", "title_ru", "title_en", "level", "provider", "required_status"),
    )


def _awards(day=None):
    from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
    from django.db.models.functions import Coalesce

    from innocluster.features.support.selectors import payment_facts

    paid = (
        payment_facts()
        .filter(tranche__award=OuterRef("pk"))
        .values("tranche__award")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money = DecimalField(max_digits=16, decimal_places=2)
    awards = award_facts().annotate(
        paid=Coalesce(Subquery(paid, output_field=money), Value(Decimal("0")), output_field=money)
    )
    return _values(
        awards.order_by("pk"),
        (
            "pk",
            "organization__inn",
            "organization__short_name",
            "measure__code",
            "amount",
            "paid",
            "awarded_at",
        ),
    )


def _clusters(day=None):
    for row in cluster_register_rows().iterator(chunk_size=CHUNK):
        yield [
            row["register_number"],
            row["name"],
            row["status"],
            row["lead_organization__inn"],
            row["lead_organization__short_name"],
            row["member_count"],
            row["counting_count"],
        ]


def _pilots(day=None):
    return _values(
        pilot_open_rows(),
        (
            "pk",
            "title",
            "organization__inn",
            "organization__short_name",
            "duration_weeks",
            "status_changed_at",
        ),
    )


def _series(day=None):
    published = snapshot_on(day=day) if day else snapshot_latest()
    if published is None:
        return
    for code, figure in sorted(published.figures.items()):
        for table in ("by_month", "by_year", "by_region", "by_org_type", "by_industry"):
            for group in figure.get(table) or []:
                yield [published.day, code, table, group["key"], group["value"], figure["unit"]]


DATASETS = (
    Dataset(
        "participants",
        gettext_lazy("Register of participants and partners"),
        gettext_lazy("Every status ever granted, with its state today and its organization."),
        (
            Field("register_number", "string", gettext_lazy("register number")),
            Field("status", "string", gettext_lazy("participant or partner")),
            Field("state", "string", gettext_lazy("active, suspended or revoked")),
            Field("granted_on", "date", gettext_lazy("the day the status was granted")),
            Field("name", "string", gettext_lazy("the organization's short name")),
            Field("inn", "string", gettext_lazy("INN")),
            Field("ogrn", "string", gettext_lazy("OGRN or OGRNIP")),
            Field("region", "string", gettext_lazy("federal subject's code (77 is Moscow)")),
            Field("org_type", "string", gettext_lazy("organization type code")),
        ),
        _participants,
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
        _measures,
    ),
    Dataset(
        "support_awards",
        gettext_lazy("Support awards and payments"),
        gettext_lazy(
            "Every support award: the organization, the measure, the amount awarded and the "
            "amount paid so far, in roubles (awards are public facts on the ledger)."
        ),
        (
            Field("award_id", "integer", gettext_lazy("the award's number")),
            Field("inn", "string", gettext_lazy("the recipient's INN")),
            Field("name", "string", gettext_lazy("the recipient's short name")),
            Field("measure", "string", gettext_lazy("the measure's code")),
            Field("amount_rub", "number", gettext_lazy("amount awarded, RUB")),
            Field("paid_rub", "number", gettext_lazy("amount paid so far, RUB")),
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
            Field("lead_inn", "string", gettext_lazy("the lead organization's INN")),
            Field("lead_name", "string", gettext_lazy("the lead organization's short name")),
            Field("members", "integer", gettext_lazy("members")),
            Field("counting_members", "integer", gettext_lazy("members with an active status")),
        ),
        _clusters,
    ),
    Dataset(
        "pilots",
        gettext_lazy("Pilots with a published result"),
        gettext_lazy("Pilot tests at the city's sites whose result is published."),
        (
            Field("pilot_id", "integer", gettext_lazy("the pilot's number")),
            Field("title", "string", gettext_lazy("the solution tested")),
            Field("inn", "string", gettext_lazy("the company's INN")),
            Field("name", "string", gettext_lazy("the company's short name")),
            Field("duration_weeks", "integer", gettext_lazy("duration, weeks")),
            Field("published_at", "datetime", gettext_lazy("when the result was published")),
        ),
        _pilots,
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
        _series,
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
    rows = data.rows(day=day)
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
