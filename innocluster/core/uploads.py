"""Checks on uploaded files by their content, never by their name or declared type."""

import hashlib
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from . import pdfscan
from .errors import CoreErrorCode
from .files import DEFAULT_STEM, PDF_MAGIC, TYPE_SUFFIX, pdf_name, safe_name

ALLOWED_IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MAX_IMAGE_PIXELS = 40_000_000
HASH_CHUNK = 1024 * 1024
# The bounds of the PDF check; a setting of the same name overrides each.
PDF_DEFAULTS = {
    "PDF_MAX_OBJECTS": 100_000,
    "PDF_MAX_PAGES": 2_000,
    "PDF_MAX_INFLATED_BYTES": 128 * 1024 * 1024,  # one stream, unpacked
    "PDF_CHECK_SECONDS": 3.0,
}


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
    """Check that `upload` is a PDF within `max_bytes` and the bounds below, without active
    content; then name it as a PDF (`core.files.pdf_name`: "extract.html" is kept and
    downloaded as "extract.pdf").

    qpdf (through pikepdf, a library made for untrusted PDFs) parses it in a process of its
    own (`core.pdfscan`), under a wall-clock bound (PDF_CHECK_SECONDS), its own CPU and memory
    limits, at most PDF_MAX_OBJECTS objects and PDF_MAX_PAGES pages, and no stream inflated
    past PDF_MAX_INFLATED_BYTES: a file past a bound is refused (`pdf_too_complex`) without
    holding the web worker or its memory. A file with anything after its last %%EOF is
    refused (`pdf_trailing_data`).

    Active content (JavaScript, an /OpenAction other than going to a page, /AA, /Launch,
    embedded files, …) is refused (`pdf_active_content`), not stripped: what is stored is
    exactly what the applicant sent, the file whose SHA-256 they are shown and that may go on
    the ledger, and what a reviewer reads is what was signed; a sanitizer that rewrote it
    would change that hash and could break a signature in it without anyone seeing. The
    message says how to get a clean file (print or export it to PDF again).
    """
    _check_size(upload, max_bytes)
    upload.seek(0)
    data = b"".join(upload.chunks())
    upload.seek(0)
    refusal = _pdf_refusal(data)
    if refusal is not None:
        raise refusal
    upload.name = pdf_name(upload.name)


def validate_if_pdf(upload, *, max_bytes: int) -> None:
    """For an upload that may be any file (the IP register's work): one that is a PDF by its
    content is checked and named as `validate_pdf` does; another is left as it is."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if head.lstrip().startswith(PDF_MAGIC):
        validate_pdf(upload, max_bytes=max_bytes)


def validate_pdf_or_image(upload, *, max_bytes: int) -> str:
    """For a document that may be a PDF or a picture (a scan, a photo of a part): a PDF by its
    content is checked as `validate_pdf` does, anything else must be an image `validate_image`
    accepts; else `not_pdf_or_image`. Returns the name to keep and download it under: the
    uploader's made safe, ending in `.pdf` or in the extension the content check found."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if head.lstrip().startswith(PDF_MAGIC):
        validate_pdf(upload, max_bytes=max_bytes)
        return upload.name
    try:
        extension = validate_image(upload, max_bytes=max_bytes)
    except ValidationError as error:
        if error.code != CoreErrorCode.NOT_AN_IMAGE:
            raise
        raise ValidationError(
            _("Attach a PDF document or a picture (PNG, JPEG, WebP or GIF)."),
            code=CoreErrorCode.NOT_PDF_OR_IMAGE,
        ) from None
    stem = TYPE_SUFFIX.sub("", safe_name(upload.name)).rstrip(". ") or DEFAULT_STEM
    return f"{stem[:190]}.{extension}"


def _setting(name: str):
    return getattr(settings, name, PDF_DEFAULTS[name])


class _Remembered(threading.local):
    """The contents that passed the PDF check inside `pdf_checks_remembered`, with the bounds
    they passed under (None outside it). Per thread: a block in one thread never lets another
    thread's uploads skip their check."""

    passed: set | None = None


_remembered = _Remembered()


@contextmanager
def pdf_checks_remembered() -> Iterator[None]:
    """Inside the block, a PDF with exactly the bytes of one that passed the check (under the
    same bounds) passes again without another qpdf process: the verdict depends on nothing
    else (a refusal is checked again: "took too long" depends on the machine's load). For a
    loader that uploads one file many times through the services (the demo data, whose every
    document is the same blank page); a request never runs inside it."""
    _remembered.passed = set()
    try:
        yield
    finally:
        _remembered.passed = None


def _pdf_refusal(data: bytes) -> ValidationError | None:
    limits = [
        str(_setting(n)) for n in ("PDF_MAX_OBJECTS", "PDF_MAX_PAGES", "PDF_MAX_INFLATED_BYTES")
    ]
    passed = _remembered.passed
    if passed is None:
        return _pdf_check(data, limits)
    key = (hashlib.sha256(data).digest(), *limits)
    if key in passed:
        return None
    refusal = _pdf_check(data, limits)
    if refusal is None:
        passed.add(key)
    return refusal


def _pdf_check(data: bytes, limits: list[str]) -> ValidationError | None:
    try:
        done = subprocess.run(  # noqa: S603 - our own script, with numbers as its arguments
            [sys.executable, "-I", pdfscan.__file__, *limits],
            input=data,
            capture_output=True,
            timeout=_setting("PDF_CHECK_SECONDS"),
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed it
        return _pdf_error("pdf_too_complex", "time")
    if done.returncode < 0:  # killed: past its CPU time, or by qpdf's own failure
        return _pdf_error("pdf_too_complex", "time")
    if b"MemoryError" in done.stderr:  # past its memory
        return _pdf_error("pdf_too_complex", "limits")
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        raise RuntimeError(
            f"The PDF check failed: {done.stderr.decode(errors='replace')}"
        ) from None
    if answer.get("ok"):
        return None
    return _pdf_error(answer["refused"], answer["reason"], answer.get("limit"))


def _pdf_error(code: str, reason: str, limit: int | None = None) -> ValidationError:
    again = _("Save or print the document to PDF again and upload that.")
    if code == CoreErrorCode.PDF_ACTIVE_CONTENT:
        message = _(
            "The PDF contains active content (scripts, actions or embedded files), "
            "which is not accepted."
        )
    elif code == CoreErrorCode.PDF_TRAILING_DATA:
        message = _("The file has other data after the end of the PDF.")
    elif code == CoreErrorCode.PDF_TOO_COMPLEX and reason == "objects":
        message = _("The PDF has more than %(limit)s objects, too many to check.")
    elif code == CoreErrorCode.PDF_TOO_COMPLEX and reason == "pages":
        message = _("The PDF has more than %(limit)s pages.")
    elif code == CoreErrorCode.PDF_TOO_COMPLEX and reason == "inflated":
        message = _("The PDF has a part that unpacks to more than %(limit)s.")
        limit = filesizeformat(limit)
    elif code == CoreErrorCode.PDF_TOO_COMPLEX and reason == "time":
        message = _("The PDF takes too long to check.")
    elif code == CoreErrorCode.PDF_TOO_COMPLEX:  # nested too deep, past another of qpdf's limits
        message = _("The PDF is built in too complex a way to check.")
    else:
        return ValidationError(
            _("The file is not a readable PDF. Upload the document as a PDF without a password."),
            code=CoreErrorCode.NOT_A_PDF,
        )
    return ValidationError(f"{message} {again}", code=code, params={"limit": limit})


def sha256_of(upload) -> str:
    """The SHA-256 of an uploaded file, read in chunks so a large file never sits in memory."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(HASH_CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
