import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from innocluster.features.support.awards import services


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_file(name: str = "report.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or pdf_bytes(), content_type="application/pdf")


def file_report(report, actor, costs=Decimal("300000.00"), upload=None):
    return services.report_file(
        report=report, actor=actor, actual_costs=costs, upload=upload or pdf_file()
    )


def accept_report(report, actor):
    return services.report_accept(report=report, actor=actor)
