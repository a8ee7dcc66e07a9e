"""Support's daily sweep: cost documents, agreements and reports no row names go a day after
they were written; a named one and a young one stay (application documents are the review
kit's, declared by reviews.tasks and tested by the kit's contract)."""

from tests.orphans import aged, exists, stray, swept

from .helpers import file_report


def test_the_daily_job_deletes_support_files_no_row_names(in_force, owner):
    # Given an agreement and a filed report, and files their processes died leaving
    report = file_report(in_force.tranches.get(number=2).report, owner)
    agreement = in_force.agreement
    lost = [stray(f"support/{folder}/lost.pdf") for folder in ("costs", "agreements", "reports")]
    young = stray("support/reports/in-flight.pdf")
    aged(agreement.file.name, report.file.name, *lost)
    # When the scheduler runs the daily sweep
    assert swept("support") == 3
    # Then the files no row names are gone, the named and the young ones stay
    assert not any(exists(name) for name in lost)
    assert exists(agreement.file.name) and exists(report.file.name) and exists(young)
