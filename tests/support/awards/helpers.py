from decimal import Decimal

from innocluster.features.support.awards import services

from ...pdfs import pdf_bytes, pdf_file  # noqa: F401 - the tests import them from here


def file_report(report, actor, costs=Decimal("300000.00"), upload=None):
    return services.report_file(
        report=report, actor=actor, actual_costs=costs, upload=upload or pdf_file()
    )


def accept_report(report, actor):
    return services.report_accept(report=report, actor=actor)
