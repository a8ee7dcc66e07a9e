"""The marketplace's daily sweep: photos and certificates no row names go a day after they
were written; a named one and a young one stay."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from innocluster.features.marketplace import services
from tests.orphans import aged, exists, stray, swept
from tests.pdfs import pdf_file

from .helpers import a_listing, a_vendor

pytestmark = pytest.mark.django_db


def a_picture() -> SimpleUploadedFile:
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "PNG")
    return SimpleUploadedFile("фото.png", picture.getvalue(), content_type="image/png")


def test_the_daily_job_deletes_photos_and_certificates_no_row_names():
    # Given a listing's photo and certificate, and files their processes died leaving
    vendor, editor = a_vendor()
    listing = a_listing(vendor, editor)
    photo = services.photo_add(listing=listing, actor=editor, image=a_picture())
    certificate = services.certificate_add(
        listing=listing, actor=editor, file=pdf_file(), title="Декларация ТР ТС"
    )
    lost_photo, lost_certificate = (
        stray("marketplace/photos/a1.png"),
        stray("marketplace/certificates/b2.pdf"),
    )
    young = stray("marketplace/photos/in-flight.png")
    aged(photo.image.name, certificate.file.name, lost_photo, lost_certificate)
    # When the scheduler runs the daily sweep
    assert swept("marketplace") == 2
    # Then the files no row names are gone, the named and the young ones stay
    assert not exists(lost_photo) and not exists(lost_certificate)
    assert exists(photo.image.name) and exists(certificate.file.name) and exists(young)
