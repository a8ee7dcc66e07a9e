"""The current result list as a file: CSV (UTF-8 with a BOM, so Excel reads Cyrillic) or XLSX,
at most MAX_ROWS rows, read in chunks so memory stays flat."""

import io

import xlsxwriter
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from innocluster.core.csv_export import csv_response
from innocluster.core.regions import region_name

FORMATS = ("csv", "xlsx")
MAX_ROWS = 10_000
CHUNK = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header() -> list[str]:
    return [
        _("Short name"),
        _("Full name"),
        _("INN"),
        _("OGRN / OGRNIP"),
        _("Organization type"),
        _("Region"),
        _("Industries"),
        _("Technologies"),
        _("Year founded"),
        _("Website"),
        _("Profile"),
    ]


def rows(queryset):
    """One list of cells per organization, in the order of the search, at most MAX_ROWS."""
    organizations = queryset.with_public_relations()[:MAX_ROWS]
    for o in organizations.iterator(chunk_size=CHUNK):
        yield [
            o.short_name,
            o.full_name,
            o.inn,
            o.ogrn,
            str(o.get_org_type_display()),
            region_name(o.region),
            ", ".join(i.name for i in o.industries.all()),
            ", ".join(t.name for t in o.technologies.all()),
            o.year_founded or "",
            o.website,
            reverse("organizations:detail", kwargs={"pk": o.pk}),
        ]


def _xlsx(queryset) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet(_("Organizations")[:31])
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, header(), bold)
    for number, row in enumerate(rows(queryset), start=1):
        sheet.write_row(number, 0, row)
    workbook.close()
    return buffer.getvalue()


def response(queryset, file_format: str):
    if file_format != "xlsx":
        return csv_response(header(), rows(queryset), filename="organizations.csv")
    result = HttpResponse(_xlsx(queryset), content_type=XLSX)
    result["Content-Disposition"] = 'attachment; filename="organizations.xlsx"'
    return result
