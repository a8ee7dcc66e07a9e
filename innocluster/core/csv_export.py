"""CSV downloads: streamed row by row, UTF-8 with a BOM (so spreadsheet programs read the
Cyrillic), and no cell that a spreadsheet would run as a formula."""

import csv
import unicodedata
from collections.abc import Iterable

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell):
    """No cell may start a formula in a spreadsheet (CSV injection).

    Spreadsheets fold compatibility forms of these characters (full-width `＝＋－＠`, the small
    `﹦﹢﹣﹫`) into the ASCII ones and skip leading spaces, so the first character that is not
    a space is compared after NFKC normalization.
    """
    if not isinstance(cell, str) or not cell:
        return cell
    first = cell[0] if cell[0] in FORMULA_STARTS else cell.lstrip(" ")[:1]
    if unicodedata.normalize("NFKC", first).startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_lines(header: list[str], rows: Iterable[list]):
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(header: list[str], rows: Iterable[list], *, filename: str):
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value):
        return value
