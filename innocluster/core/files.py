"""Uploaded files go out only through views that checked the caller; this is how they go out.
And how a service that writes files with its rows keeps the two together
(`files_deleted_on_rollback`)."""

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.http import FileResponse, Http404

PDF_MAGIC = b"%PDF-"
DEFAULT_STEM = "document"
# A last suffix that is a file type (".html", ".exe", ".PDF"), not a part of the name
# (". v2", ".2024"): letters and digits with at least one letter, up to 10 of them.
TYPE_SUFFIX = re.compile(r"\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$")


def safe_name(name: str | None, *, default: str = DEFAULT_STEM) -> str:
    """A file name as the uploader gave it, without what could deceive or harm where it is
    saved: no folders, no control or format characters (U+202E, which shows
    "report‮fdp.exe" as "reportexe.pdf", zero-width ones), no leading dots, at most 200
    characters."""
    name = (name or "").replace("\\", "/")
    name = PurePosixPath(name).name
    name = "".join(c for c in name if unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp"})
    name = name.strip().lstrip(".").strip()
    return name[-200:] or default


def pdf_name(name: str | None) -> str:
    """The name under which a PDF is stored and downloaded: the uploader's, made safe, whose
    last file type is replaced by `.pdf` ("registry-extract.html" and "registry-extract.pdf.exe"
    both become "registry-extract.pdf"; "report.PDF" becomes "report.pdf")."""
    stem = TYPE_SUFFIX.sub("", safe_name(name, default=DEFAULT_STEM))
    if stem.lower().endswith(".pdf"):
        stem = stem[:-4]
    stem = stem.rstrip(". ") or DEFAULT_STEM
    return stem[:196] + ".pdf"


def is_pdf(opened) -> bool:
    """Whether an open file starts as a PDF (white space first, as PDF readers allow)."""
    head = opened.read(1024)
    opened.seek(0)
    return head.lstrip().startswith(PDF_MAGIC)


def serve_file(field_file, *, public: bool, download_name: str | None = None) -> FileResponse:
    """Stream a stored file, or 404 if there is none.

    Nothing served here runs in the browser (a CSP of `default-src 'none'`). A public file
    (a logo) may be cached anywhere for an hour; a private one never by a shared cache. With a
    `download_name` the file is always downloaded, never shown inline, under that name made
    safe (`safe_name`); a PDF's name always ends in `.pdf` (`pdf_name`), whatever name it was
    uploaded with, so a PDF with HTML appended never lands on a disk as a page a browser
    would open. This is the one place download names are decided: callers pass the name
    they keep, as it was uploaded.
    """
    if not field_file:
        raise Http404
    try:
        opened = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if download_name:
        name = pdf_name(download_name) if is_pdf(opened) else safe_name(download_name)
        response = FileResponse(
            opened,
            as_attachment=True,
            filename=name,
            content_type="application/octet-stream",
        )
    else:
        response = FileResponse(opened)
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


class WrittenFiles(list):
    """The files (FieldFiles) written to storage inside a `files_deleted_on_rollback` block."""

    def save(self, field_file, name: str, content) -> None:
        """Write `content` to storage as `field_file` under `name` (its field's upload_to
        decides the folder; the row is saved after) and note it."""
        field_file.save(name, content, save=False)
        self.append(field_file)


@contextmanager
def files_deleted_on_rollback() -> Iterator[WrittenFiles]:
    """Keep a service's files and its rows together:

        with files_deleted_on_rollback() as written, transaction.atomic():
            written.save(photo.image, "photo.jpg", upload)  # before photo.save()
            photo.save()
            audit_record(...)  # fails: the transaction rolls back, the file is deleted

    Files are written before the rows that name them (the storage names them), so when the
    block raises, its transaction rolled back and no row names them: they are deleted, and
    whichever later step failed (a check, the audit record, the ledger, a notification), the
    rows and their files are both kept or both gone. Note each file with `written.save()`
    (or `written.append(field_file)` after saving it yourself).

    Only a failure inside the block is covered: a caller's longer transaction rolled back
    after the block ended leaves the files behind (a service is the outermost transaction, so
    none does; the daily sweep of files no row names, core.orphans, which each feature that
    writes files declares, catches that and a process killed mid-way)."""
    written = WrittenFiles()
    try:
        yield written
    except BaseException:
        for stored in written:
            stored.storage.delete(stored.name)
        raise
