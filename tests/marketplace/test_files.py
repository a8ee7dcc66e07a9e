"""A listing's photos and certificates: a step after the file is written fails, the transaction
rolls back, and no file is left on disk without its row (core.files.files_deleted_on_rollback)."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from innocluster.features.marketplace import services
from innocluster.features.marketplace.models import Certificate, Photo

from ..pdfs import pdf_file
from .helpers import a_listing, a_vendor

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def a_picture() -> SimpleUploadedFile:
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "PNG")
    return SimpleUploadedFile("фото.png", picture.getvalue(), content_type="image/png")


def broken(**kwargs):
    raise RuntimeError("a later step failed")


def test_a_photo_and_a_certificate_are_stored_with_their_rows(settings):
    vendor, editor = a_vendor()
    listing = a_listing(vendor, editor)
    photo = services.photo_add(listing=listing, actor=editor, image=a_picture(), caption="Вид")
    certificate = services.certificate_add(
        listing=listing, actor=editor, file=pdf_file("ТР ТС.pdf"), title="Декларация ТР ТС"
    )
    assert Path(photo.image.path).is_file() and photo.image.name.endswith(".png")
    assert Path(certificate.file.path).is_file() and certificate.sha256
    assert len(stored_files(settings)) == 2


@pytest.mark.parametrize("add", ["photo", "certificate"])
def test_a_failing_later_step_leaves_no_file_and_no_row(settings, monkeypatch, add):
    # Given a listing, and the audit trail failing after the file is written
    vendor, editor = a_vendor()
    listing = a_listing(vendor, editor)
    before = stored_files(settings)
    monkeypatch.setattr(services, "audit_record", broken)
    # When a photo or a certificate is added
    with pytest.raises(RuntimeError):
        if add == "photo":
            services.photo_add(listing=listing, actor=editor, image=a_picture())
        else:
            services.certificate_add(
                listing=listing, actor=editor, file=pdf_file(), title="Сертификат"
            )
    # Then neither its row nor its file is left
    assert not Photo.objects.exists() and not Certificate.objects.exists()
    assert stored_files(settings) == before


def test_a_refused_photo_writes_no_file(settings):
    vendor, editor = a_vendor()
    listing = a_listing(vendor, editor)
    fake = SimpleUploadedFile("b.png", b"not an image", content_type="image/png")
    with pytest.raises(ValidationError) as refused:
        services.photo_add(listing=listing, actor=editor, image=fake)
    assert refused.value.error_dict["image"][0].code == "not_an_image"
    assert stored_files(settings) == []
