"""core.files.files_deleted_on_rollback keeps a service's files and rows together, and
core.uploads.validate_pdf_or_image takes a PDF or a picture, nothing else."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from PIL import Image

from innocluster.core.files import files_deleted_on_rollback
from innocluster.core.uploads import validate_pdf_or_image

from ..pdfs import pdf_bytes

pytestmark = pytest.mark.django_db


class _Row:
    """Where a FieldFile puts its name; the storage needs no row."""


def _field_file() -> FieldFile:
    field = models.FileField(upload_to="core-tests")
    field.set_attributes_from_name("file")
    return FieldFile(_Row(), field, None)


def test_files_written_in_a_block_that_raises_are_deleted():
    names = []
    with pytest.raises(RuntimeError), files_deleted_on_rollback() as written, transaction.atomic():
        first, second = _field_file(), _field_file()
        written.save(first, "a.pdf", ContentFile(b"%PDF-1.4 one"))
        written.save(second, "b.pdf", ContentFile(b"%PDF-1.4 two"))
        names += [first.name, second.name]
        assert all(default_storage.exists(name) for name in names)
        raise RuntimeError("a later step failed")
    assert not any(default_storage.exists(name) for name in names)


def test_files_written_in_a_block_that_succeeds_are_kept():
    with files_deleted_on_rollback() as written, transaction.atomic():
        kept = _field_file()
        written.save(kept, "a.pdf", ContentFile(b"%PDF-1.4 one"))
    assert default_storage.exists(kept.name)


def _png(name="scan.PNG.exe") -> SimpleUploadedFile:
    picture = io.BytesIO()
    Image.new("RGB", (4, 4)).save(picture, "PNG")
    return SimpleUploadedFile(name, picture.getvalue())


def test_a_pdf_or_a_picture_is_named_by_its_content():
    assert validate_pdf_or_image(SimpleUploadedFile("акт.htm", pdf_bytes()), max_bytes=10**6) == (
        "акт.pdf"
    )
    assert validate_pdf_or_image(_png(), max_bytes=10**6) == "scan.PNG.png"


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"MZ\x90\x00", "not_pdf_or_image"), (b"%PDF-1.7 junk", "not_a_pdf"),
     (b"x" * 2000, "file_too_large")],
)  # fmt: skip
def test_anything_else_is_refused_with_its_code(content, code):
    with pytest.raises(ValidationError) as refused:
        validate_pdf_or_image(SimpleUploadedFile("a.pdf", content), max_bytes=1000)
    assert refused.value.code == code
