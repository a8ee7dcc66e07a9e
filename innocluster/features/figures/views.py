"""The public figures (they read the snapshots only) and the fund's dashboard (staff only)."""

from datetime import date

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from innocluster.core.calendar import moscow_date
from innocluster.core.csv_export import csv_response
from innocluster.core.forms import form_status
from innocluster.core.views import call_service
from innocluster.features.kpireports.selectors import REVOKE_QUERY, open_campaigns_progress

from . import present, services
from .choices import Kpi, Unit
from .forms import ExportGrowthForm, KpiTargetForm
from .models import ExportGrowth, KpiTarget
from .registry import kpi_figures, kpi_rule, source_get, sources
from .selectors import (
    figure_history,
    snapshot_days,
    snapshot_get,
    snapshot_latest,
    snapshot_ledger_entry,
    snapshot_on,
)

# The public page's charts: (figure, table).
PAGE_CHARTS = (
    ("members", "by_month"),
    ("members", "by_region"),
    ("members", "by_industry"),
    ("support_awarded_rub", "by_year"),
)


def _published_or_none(request):
    """The snapshot asked for with ?on=YYYY-MM-DD (the last one on or before it), else the
    latest. A malformed date or one before any snapshot is a 404."""
    text = request.GET.get("on", "")
    if not text:
        return snapshot_latest()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Http404(_("Not a date: give it as YYYY-MM-DD.")) from None
    published = snapshot_on(day=day)
    if published is None:
        raise Http404(_("No figures were published on or before this date."))
    return published


def _headline(published) -> list[dict]:
    result = []
    for source in sources():
        figure = published.figures.get(source.code)
        if not source.headline or figure is None:
            continue
        total = figure.get("total")
        result.append(
            {
                "source": source,
                "value": present.headline_number(total["value"] if total else None, figure["unit"]),
                "unit": present.unit_label(figure["unit"]),
                "suppressed": total is None,
            }
        )
    return result


def _chart_block(published, code: str, table: str, *, on="") -> dict | None:
    figure = published.figures.get(code)
    source = source_get(code)
    if figure is None or source is None:
        return None
    labels = published.data.get("labels", {})
    rows = present.rows(figure, table, labels)
    svg = present.chart(
        sha256=published.sha256, code=code, table=table, figure=figure, labels=labels
    )
    return {
        "code": code,
        "table": table,
        "source": source,
        "title": present.TABLES[table],
        "column": present.COLUMN[table],
        "unit": present.unit_label(figure["unit"]),
        "rows": rows,
        "cumulative": bool(figure.get("cumulative")) and table in ("by_month", "by_year"),
        "svg": mark_safe(svg),  # noqa: S308 - drawn by pygal from our numbers, escaped labels
        "on": on,
    }


def block_html(published, code: str, table: str, *, on="", level=2) -> str:
    """A chart with its table and links, rendered once per snapshot, language and `on`: a
    snapshot never changes, so neither does its block (the page's p95 rests on this)."""
    key = f"figures:block:{published.sha256}:{code}:{table}:{get_language()}:{on}:{level}"
    html = cache.get(key)
    if html is None:
        block = _chart_block(published, code, table, on=on)
        html = ""
        if block and block["rows"]:
            html = render_to_string(
                "figures/_block.html", {"block": block, "on": on, "level": level}
            )
        cache.set(key, html, 60 * 60 * 24 * 2)
    return mark_safe(html)  # noqa: S308 - our template's output


def warm(published) -> None:
    """Draw every block of the public pages for each language (the daily job calls it after the
    snapshot, so no visitor waits for pygal: the map alone takes seconds)."""
    from django.conf import settings
    from django.utils import translation

    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, table in PAGE_CHARTS:
                block_html(published, code, table)
            for code in published.figures:
                for table in present.TABLES:
                    block_html(published, code, table)


def figures_page(request):
    published = _published_or_none(request)
    context = {"published": published, "on": request.GET.get("on", "") and published.day}
    if published:
        context["headline"] = _headline(published)
        on = context["on"] and context["on"].isoformat()
        blocks = (block_html(published, c, t, on=on) for c, t in PAGE_CHARTS)
        context["blocks"] = [b for b in blocks if b]
        context["entry"] = snapshot_ledger_entry(day=published.day)
    return render(request, "figures/page.html", context)


def figure_detail(request, code: str):
    """One figure: its methodology, every table and chart, and its revision history."""
    source = source_get(code)
    if source is None:
        raise Http404
    published = _published_or_none(request)
    blocks = []
    if published and code in published.figures:
        on = published.day.isoformat() if request.GET.get("on") else ""
        drawn = (block_html(published, code, table, on=on) for table in present.TABLES)
        blocks = [b for b in drawn if b]
    return render(
        request,
        "figures/detail.html",
        {
            "source": source,
            "published": published,
            "blocks": blocks,
            "history": _history(code),
            "on": request.GET.get("on", "") and published.day,
        },
    )


def _history(code: str) -> list[dict]:
    source = source_get(code)
    result = []
    for snapshot, total in figure_history(code=code):
        value = total["value"] if total else None
        result.append(
            {"snapshot": snapshot, "value": present.number(value, source.unit if source else "")}
        )
    return result


def figure_csv(request, code: str, table: str):
    if source_get(code) is None or table not in present.TABLES:
        raise Http404
    published = _published_or_none(request)
    if published is None or code not in published.figures:
        raise Http404
    figure = published.figures[code]
    labels = published.data.get("labels", {})
    rows = present.rows(figure, table, labels)
    header = ["key", "label", "value"] + (["running_total"] if figure.get("cumulative") else [])
    lines = (
        [r.key, r.label, r.value] + ([str(r.running_value)] if figure.get("cumulative") else [])
        for r in rows
    )
    filename = f"{code}-{table}-{published.day.isoformat()}.csv"
    return csv_response(header, lines, filename=filename)


def chart_stylesheet(request):
    from .charts import chart_stylesheet as stylesheet

    response = HttpResponse(stylesheet(), content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def snapshot_list(request):
    days = list(snapshot_days()[:366])
    return render(request, "figures/snapshots.html", {"snapshots": days})


def snapshot_detail(request, day: str):
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    snapshot = snapshot_get(day=parsed)
    return render(
        request,
        "figures/snapshot.html",
        {"snapshot": snapshot, "entry": snapshot_ledger_entry(day=parsed)},
    )


def snapshot_body(request, day: str):
    """The snapshot exactly as hashed: its SHA-256 is the ledger's."""
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    snapshot = snapshot_get(day=parsed)
    response = HttpResponse(snapshot.body.encode(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="figures-{day}.json"'
    return response


# --- the fund's dashboard ---------------------------------------------------------------


def _staff_or_404(request):
    if not getattr(request.user, "is_fund_staff", False):
        raise Http404


def kpi_rows(published) -> list[dict]:
    """Each KPI, each year the snapshot or the targets know: actual against target."""
    targets = {(t.kpi, t.year): t.target for t in KpiTarget.objects.all()}
    years = sorted({y for _k, y in targets} | _snapshot_years(published), reverse=True)[:5]
    result = []
    for kpi in Kpi:
        codes = kpi_figures(kpi)
        unit = Unit.PERCENT if kpi == Kpi.EXPORTS_VS_CITY else ""  # percentage points
        for year in years:
            values = [(c, _year_value(published, c, year)) for c in codes]
            actual = kpi_rule(kpi)(values, published.data if published else {}, year)
            target = targets.get((kpi.value, year))
            result.append(
                {
                    "kpi": kpi,
                    "year": year,
                    "actual": present.number(actual, unit),
                    "target": present.number(target, unit),
                    "met": None if actual is None or target is None else actual >= target,
                    "figures": codes,
                }
            )
    return result


def _yearly(figure: dict) -> dict[int, object]:
    """A figure's published values by year (a merged period under its last year)."""
    return {int(group["key"][:4]): group["value"] for group in figure.get("by_year") or []}


def _snapshot_years(published) -> set[int]:
    if not published:
        return set()
    return set().union(*(_yearly(figure) for figure in published.figures.values()))


def _year_value(published, code: str, year: int):
    if not published:
        return None
    return _yearly(published.figures.get(code, {})).get(year)


def fund_dashboard(request):
    _staff_or_404(request)
    published = snapshot_latest()
    figures = []
    if published:
        labels = published.data.get("labels", {})
        for source in sources():
            figure = published.figures.get(source.code)
            if figure is None:
                continue
            figures.append(
                {
                    "source": source,
                    "total": figure.get("total"),
                    "value": present.number(
                        (figure.get("total") or {}).get("value"), figure["unit"]
                    ),
                    "unit": present.unit_label(figure["unit"]),
                    "tables": [
                        (table, present.TABLES[table], present.rows(figure, table, labels))
                        for table in ("by_region", "by_org_type", "by_industry")
                    ],
                }
            )
    context = {
        "published": published,
        # the snapshot note's proof link, as on the public page (else it said "being recorded")
        "entry": published and snapshot_ledger_entry(day=published.day),
        "figures": figures,
        "kpis": kpi_rows(published),
        "campaigns": open_campaigns_progress(today=moscow_date()),
        "revoke_query": REVOKE_QUERY,
        "may_revoke": request.user.is_fund_admin,
    }
    return render(request, "figures/fund.html", context)


# What each form of the targets' page enters: (form, service).
ENTRIES = {
    "target": (KpiTargetForm, services.kpi_target_set),
    "growth": (ExportGrowthForm, services.export_growth_set),
}


@require_http_methods(["GET", "POST"])
def fund_targets(request):
    """The KPIs' targets and the city's average export growth: fund staff read them, fund
    administrators enter them (each entered again changes the one of its year)."""
    _staff_or_404(request)
    forms = {name: form_class() for name, (form_class, _service) in ENTRIES.items()}
    status = 200
    which = request.POST.get("form") if request.method == "POST" else None
    if which in ENTRIES:
        form_class, service = ENTRIES[which]
        form = forms[which] = form_class(request.POST)
        if form.is_valid() and call_service(
            request,
            service,
            form=form,
            success=_("Entered: the next day's figures use it."),
            actor=request.user,
            **form.cleaned_data,
        ):
            return redirect("figures:fund_targets")
        status = form_status(form)
    elif request.method == "POST":
        status = 400
    context = {
        "forms": forms,
        "targets": KpiTarget.objects.all()[:200],
        "growth": ExportGrowth.objects.all()[:100],
        "may_enter": request.user.is_fund_admin,
    }
    return render(request, "figures/fund_targets.html", context, status=status)


def fund_drilldown(request, code: str):
    """The organizations behind a figure (live, not the snapshot), optionally in one group."""
    _staff_or_404(request)
    from .drilldown import organizations_behind

    source = source_get(code)
    if source is None:
        raise Http404
    table = request.GET.get("table", "")
    key = request.GET.get("key", "")
    rows = organizations_behind(code=code, table=table, key=key)
    if rows is None:
        raise Http404
    return render(
        request,
        "figures/drilldown.html",
        {"source": source, "rows": rows, "table": table, "key": key},
    )
