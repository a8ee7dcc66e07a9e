"""Checks on uploaded files by their content, never by their name or declared type."""

import hashlib

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader

ALLOWED_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MAX_IMAGE_PIXELS = 40_000_000
HASH_CHUNK = 1024 * 1024


class PdfError(Exception):
    pass


def _check_size(upload, max_bytes: int) -> None:
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="file_too_large",
        )


def validate_image(upload, *, max_bytes: int) -> str:
    """Check that `upload` is a real image of an allowed format and size; return its extension.

    Pillow parses the bytes; a renamed PDF or script fails here whatever its file name says.
    """
    _check_size(upload, max_bytes)
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The file is not an image. Upload a PNG, JPEG, WebP or GIF picture."),
            code="not_an_image",
        ) from None
    finally:
        upload.seek(0)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("Images of type %(format)s are not accepted. Upload PNG, JPEG, WebP or GIF.")
            % {"format": image_format},
            code="image_format",
        )
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(_("The image has too many pixels."), code="image_too_big")
    return ALLOWED_IMAGE_FORMATS[image_format]


def validate_pdf(upload, *, max_bytes: int) -> None:
    """Check that `upload` is a readable PDF within `max_bytes`.

    pypdf parses the file's structure and its pages: a renamed image or a truncated file
    fails here whatever its name says.
    """
    _check_size(upload, max_bytes)
    try:
        upload.seek(0)
        if upload.read(1024).lstrip()[:5] != b"%PDF-":
            raise PdfError
        upload.seek(0)
        reader = PdfReader(upload, strict=False)
        # A file locked only against editing opens with the empty password; others do not.
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfError
        if len(reader.pages) == 0:
            raise PdfError
    except Exception:  # noqa: BLE001 - any failure to parse untrusted bytes means "not a PDF"
        raise ValidationError(
            _("The file is not a readable PDF. Upload the document as a PDF without a password."),
            code="not_a_pdf",
        ) from None
    finally:
        upload.seek(0)


def sha256_of(upload) -> str:
    """The SHA-256 of an uploaded file, read in chunks so a large file never sits in memory."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(HASH_CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
