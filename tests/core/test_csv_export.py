"""CSV injection: no cell a spreadsheet would run as a formula (issue 17)."""

import pytest

from innocluster.core.csv_export import csv_lines, safe_cell


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+7 495", "-2", "@SUM(A1)", "\tx", "\rx"]
    + ['＝HYPERLINK("http://x")', "＋1", "－1", "＠SUM(A1)", "﹦1", "﹢1", "﹣1", "﹫x"]
    + ["  =1+1", " ＝1"],
)
def test_a_cell_that_starts_a_formula_is_escaped(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["ООО «Квант»", "1=1", "a＝b", "", "7701234567", 42, None])
def test_other_cells_are_kept(cell):
    assert safe_cell(cell) == cell


def test_the_export_escapes_a_full_width_equals_sign():
    lines = list(csv_lines(["name"], [["＝1+1"]]))
    assert lines[-1] == "'＝1+1\r\n"
