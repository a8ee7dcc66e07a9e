"""The exchange's daily sweep: order files and offer documents no row names go a day after
they were written; a named one and a young one stay."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innocluster.features.exchange import services
from tests.orphans import aged, exists, stray, swept
from tests.pdfs import pdf_file

from .helpers import a_buyer, a_supplier, an_offer, an_order

pytestmark = pytest.mark.django_db


def test_the_daily_job_deletes_order_files_and_offer_documents_no_row_names():
    # Given an order file and an offer document, and files their processes died leaving
    buyer, owner = a_buyer()
    order = an_order(buyer, owner)
    drawing = services.order_file_add(
        order=order, actor=owner, upload=SimpleUploadedFile("корпус.step", b"ISO-10303-21;")
    )
    supplier, editor = a_supplier()
    offer = an_offer(order, supplier, editor, documents=[pdf_file("Паспорт.pdf")])
    document = offer.documents.get()
    lost_drawing = stray(f"exchange/{order.pk}/lost.step")
    lost_document = stray(f"exchange/offers/{offer.pk}/0123456789abcdef.pdf")
    young = stray(f"exchange/offers/{offer.pk}/in-flight.pdf")
    aged(drawing.file.name, document.file.name, lost_drawing, lost_document)
    # When the scheduler runs the daily sweep
    assert swept("exchange") == 2
    # Then the files no row names are gone, the named and the young ones stay
    assert not exists(lost_drawing) and not exists(lost_document)
    assert exists(drawing.file.name) and exists(document.file.name) and exists(young)
