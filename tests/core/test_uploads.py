"""Uploaded PDFs are parsed under bounds in a process of their own (core.pdfscan), refused
with a stable code when hostile, and stored and downloaded under a name ending in .pdf."""

import io
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from innocluster.core.errors import CoreErrorCode
from innocluster.core.files import pdf_name, safe_name, serve_file
from innocluster.core.uploads import validate_if_pdf, validate_pdf
from innocluster.platform.status.models import StatusApplication

from ..pdfs import pdf_bytes, pdf_file

MAX = 10 * 1024 * 1024


def saved(pdf: pikepdf.Pdf, **options) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer, **options)
    return buffer.getvalue()


def one_page() -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    return pdf


def raw_pdf(*objects: bytes) -> bytes:
    """A PDF written by hand (pikepdf would repair what these tests need broken): the objects
    numbered from 1, the first the catalog, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def javascript_on_open() -> bytes:
    pdf = one_page()
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    pdf.Root.OpenAction = pdf.make_indirect(action)
    return saved(pdf)


def javascript_name_tree() -> bytes:
    pdf = one_page()
    action = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)"))
    tree = pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), action]))
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=tree)
    return saved(pdf)


def launch_on_page_open() -> bytes:
    pdf = one_page()
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
    pdf.pages[0].obj.AA = pikepdf.Dictionary(O=launch)
    return saved(pdf)


def launch_link() -> bytes:
    pdf = one_page()
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=[0, 0, 100, 100],
        A=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe")),
    )
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([link]))
    return saved(pdf)


def javascript_deep_in_a_link(depth: int) -> bytes:
    """A link that goes to the page, then, `depth` actions later, runs JavaScript."""
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    for _ in range(depth):
        action = pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Array([0]), Next=action)
    pdf = one_page()
    link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, A=action)
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([link]))
    return saved(pdf)


def embedded_file() -> bytes:
    pdf = one_page()
    pdf.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00")
    return saved(pdf)


def deflate_bomb() -> bytes:
    """A page whose content is 1 GiB of zeros in about 1 MB: the first mebibyte compressed,
    each next one the same bytes again (a full flush makes them independent), an empty last
    block and the checksum of the whole."""
    mebibyte = bytes(1024 * 1024)
    compressor = zlib.compressobj(9)
    first = compressor.compress(mebibyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(mebibyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(1024):
        checksum = zlib.adler32(mebibyte, checksum)
    data = first + again * 1023 + b"\x03\x00" + struct.pack(">I", checksum)
    pdf = one_page()
    content = pikepdf.Stream(pdf, data)
    content.Filter = pikepdf.Name.FlateDecode
    pdf.pages[0].obj.Contents = pdf.make_indirect(content)
    return saved(pdf, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)


def lying_page_count() -> bytes:
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    )


def script_after_eof() -> bytes:
    return pdf_bytes() + b"<html><script>alert(document.cookie)</script></html>\n"


def objects(count: int) -> bytes:
    """A one-page PDF with `count` more objects, packed in object streams (well under 10 MB)."""
    pdf = one_page()
    kids = [pdf.make_indirect(pikepdf.Dictionary(N=n)) for n in range(count)]
    groups = [pdf.make_indirect(pikepdf.Array(kids[n : n + 500])) for n in range(0, count, 500)]
    pdf.Root.Extra = pdf.make_indirect(pikepdf.Array(groups))
    return saved(pdf, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def refusal_code(content: bytes, name: str = "document.pdf") -> str:
    with pytest.raises(ValidationError) as refused:
        validate_pdf(pdf_file(name, content), max_bytes=MAX)
    [error] = refused.value.error_list
    return error.code


HOSTILE = [
    (javascript_on_open, CoreErrorCode.PDF_ACTIVE_CONTENT),
    (javascript_name_tree, CoreErrorCode.PDF_ACTIVE_CONTENT),
    (launch_on_page_open, CoreErrorCode.PDF_ACTIVE_CONTENT),
    (launch_link, CoreErrorCode.PDF_ACTIVE_CONTENT),
    (embedded_file, CoreErrorCode.PDF_ACTIVE_CONTENT),
    (deflate_bomb, CoreErrorCode.PDF_TOO_COMPLEX),
    (lying_page_count, CoreErrorCode.NOT_A_PDF),
    (script_after_eof, CoreErrorCode.PDF_TRAILING_DATA),
]


@pytest.mark.parametrize(("make", "code"), HOSTILE, ids=[make.__name__ for make, _ in HOSTILE])
def test_a_hostile_pdf_is_refused_with_its_code(make, code):
    assert refusal_code(make()) == code


def test_active_content_is_found_however_deep_it_is_written():
    assert refusal_code(javascript_deep_in_a_link(60)) == CoreErrorCode.PDF_ACTIVE_CONTENT
    assert refusal_code(javascript_deep_in_a_link(300)) in {
        CoreErrorCode.PDF_ACTIVE_CONTENT,  # qpdf may cut it short
        CoreErrorCode.PDF_TOO_COMPLEX,
        CoreErrorCode.NOT_A_PDF,
    }


# These two name a bound of size or objects; the clock is another bound (tested below), given
# room here so that a busy machine (CI's two workers on two cores) never trips it first.
def test_a_deflate_bomb_names_its_bound(settings):
    settings.PDF_CHECK_SECONDS = 60
    with pytest.raises(ValidationError) as refused:
        validate_pdf(pdf_file(content=deflate_bomb()), max_bytes=MAX)
    assert "unpacks to more than 128" in refused.value.messages[0]


def test_a_pdf_of_250000_objects_is_refused_by_the_bound_of_objects(settings):
    settings.PDF_CHECK_SECONDS = 60
    content = objects(250_000)
    assert len(content) < MAX  # refused for its objects, not its size
    with pytest.raises(ValidationError) as refused:
        validate_pdf(pdf_file(content=content), max_bytes=MAX)
    [error] = refused.value.error_list
    assert error.code == CoreErrorCode.PDF_TOO_COMPLEX
    assert "more than 100000 objects" in refused.value.messages[0]


def test_the_bounds_are_settings(settings):
    settings.PDF_MAX_OBJECTS = 50
    assert refusal_code(objects(100)) == CoreErrorCode.PDF_TOO_COMPLEX
    settings.PDF_MAX_OBJECTS, settings.PDF_MAX_PAGES = 100_000, 2
    assert refusal_code(pdf_bytes(pages=3)) == CoreErrorCode.PDF_TOO_COMPLEX
    settings.PDF_MAX_PAGES, settings.PDF_CHECK_SECONDS = 2_000, 0.001
    assert refusal_code(pdf_bytes()) == CoreErrorCode.PDF_TOO_COMPLEX  # out of time


def test_a_deflate_bomb_past_a_loose_bound_still_meets_the_checks_memory_limit(settings):
    settings.PDF_MAX_INFLATED_BYTES = 3 * 1024**3
    assert refusal_code(deflate_bomb()) == CoreErrorCode.PDF_TOO_COMPLEX


def test_ordinary_pdfs_pass_with_a_page_to_open_at_and_a_web_link():
    pdf = one_page()
    pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])
    link = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Link,
        Rect=[0, 0, 100, 100],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org/")),
    )
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([link]))
    for content in (saved(pdf), pdf_bytes(pages=5), pdf_bytes() + b"\r\n\x00\n"):
        upload = pdf_file("extract.pdf", content)
        validate_pdf(upload, max_bytes=MAX)


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("registry-extract.html", "registry-extract.pdf"),
        ("file.pdf.exe", "file.pdf"),
        ("Report.PDF", "Report.pdf"),
        ("scan", "scan.pdf"),
        ("Отчёт за 2024", "Отчёт за 2024.pdf"),
        ("отчёт.2024", "отчёт.2024.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\me\\extract.docx", "extract.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.pdf"),  # right-to-left override dropped
        ("...", "document.pdf"),
    ],
)
def test_a_pdf_is_named_as_a_pdf(uploaded, kept):
    assert pdf_name(uploaded) == kept
    upload = pdf_file(uploaded)
    validate_pdf(upload, max_bytes=MAX)
    assert upload.name == kept


def test_a_work_of_any_type_is_checked_only_if_it_is_a_pdf():
    work = pdf_file("work.bin", b"\x7fELF\x02\x01")
    validate_if_pdf(work, max_bytes=MAX)
    assert work.name == "work.bin"
    with pytest.raises(ValidationError) as refused:
        validate_if_pdf(pdf_file("work.html", script_after_eof()), max_bytes=MAX)
    assert refused.value.error_list[0].code == CoreErrorCode.PDF_TRAILING_DATA


def test_downloads_of_pdfs_end_in_pdf_and_other_files_keep_a_safe_name():
    def disposition(content: bytes, name: str) -> str:
        stored = ContentFile(content, name="stored")  # in memory: nothing to close
        return serve_file(stored, public=False, download_name=name)["Content-Disposition"]

    # a document kept before names were checked still downloads as a PDF
    assert disposition(pdf_bytes(), "registry-extract.html") == (
        'attachment; filename="registry-extract.pdf"'
    )
    assert disposition(b"\x7fELF", "work\u202etxt.bin") == 'attachment; filename="worktxt.bin"'
    assert safe_name("") == "document"


@pytest.mark.parametrize(("make", "code"), HOSTILE[:1] + HOSTILE[-3:], ids=lambda v: "")
def test_a_refused_document_is_not_kept(api_as, organization, owner, settings, make, code):
    client = api_as(owner)
    case_id = client.post(
        "/api/v1/status-applications/", {"organization": organization.pk}, format="json"
    ).json()["id"]
    refused = client.post(
        f"/api/v1/status-applications/{case_id}/documents/",
        {"doc_type": "registry_extract", "file": pdf_file("registry-extract.html", make())},
        format="multipart",
    )
    assert refused.status_code == 400
    assert refused.json()["error_codes"] == {"file": [code]}
    assert client.get(f"/api/v1/status-applications/{case_id}/").json()["documents"] == []
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_a_document_uploaded_as_html_is_kept_and_downloaded_as_pdf(api_as, organization, owner):
    client = api_as(owner)
    case_id = client.post(
        "/api/v1/status-applications/", {"organization": organization.pk}, format="json"
    ).json()["id"]
    uploaded = client.post(
        f"/api/v1/status-applications/{case_id}/documents/",
        {"doc_type": "registry_extract", "file": pdf_file("registry-extract.html")},
        format="multipart",
    )
    assert uploaded.status_code == 201, uploaded.json()
    document = StatusApplication.objects.get(case_id=case_id).documents.get()
    assert document.file_name == "registry-extract.pdf"
    assert document.file.name.endswith(".pdf")
    download = client.get(uploaded.json()["url"])
    assert download["Content-Disposition"] == 'attachment; filename="registry-extract.pdf"'


def test_inside_pdf_checks_remembered_a_pdf_that_passed_is_not_checked_again(monkeypatch):
    from innocluster.core import uploads

    runs = []
    real_check = uploads._pdf_check
    monkeypatch.setattr(uploads, "_pdf_check", lambda *a: runs.append(1) or real_check(*a))
    content = pdf_bytes()
    with uploads.pdf_checks_remembered():
        validate_pdf(pdf_file(content=content), max_bytes=MAX)
        validate_pdf(pdf_file(content=content), max_bytes=MAX)
        assert len(runs) == 1
        # a refusal is not remembered, and a remembered pass covers those bytes only
        for _ in range(2):
            assert refusal_code(script_after_eof()) == CoreErrorCode.PDF_TRAILING_DATA
        assert len(runs) == 3
    validate_pdf(pdf_file(content=content), max_bytes=MAX)  # outside the block: checked again
    assert len(runs) == 4


def test_a_pass_remembered_under_other_bounds_does_not_count(settings):
    from innocluster.core import uploads

    content = objects(100)
    with uploads.pdf_checks_remembered():
        validate_pdf(pdf_file(content=content), max_bytes=MAX)
        settings.PDF_MAX_OBJECTS = 50
        assert refusal_code(content) == CoreErrorCode.PDF_TOO_COMPLEX
