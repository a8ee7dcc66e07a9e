"""The PDF check that runs in a process of its own: `core.uploads.validate_pdf` starts it.

Run as a script (``python -I pdfscan.py MAX_OBJECTS MAX_PAGES MAX_INFLATED``) with the
upload's bytes on standard input; it prints one JSON object, ``{"ok": true}`` or
``{"refused": CODE, "reason": WHY, "limit": N}``. It imports no Django and nothing of ours:
the parent bounds its time (a wall-clock timeout, then a kill) and the process bounds its own
memory and CPU before it parses anything, so a hostile file can hold neither a web worker nor
its memory. qpdf (through pikepdf) parses: made for untrusted PDFs, with limits of its own.

What is refused, each with the reason the parent turns into a message:

- not a PDF at all, a password against opening, no pages, a page tree whose /Count lies
  (``/Count 1e9`` over one page): ``not_a_pdf``;
- anything after the last ``%%EOF`` but white space (a ``<script>`` appended to make the
  file an HTML page as well): ``pdf_trailing_data``;
- more objects or pages than the bounds, a stream that inflates past its bound (a deflate
  bomb stops at the bound, it is never unpacked whole), memory or time past theirs:
  ``pdf_too_complex``;
- active content anywhere in the file: JavaScript, an /OpenAction other than going to a
  page, /AA (actions on events), /Launch, /ImportData, /SubmitForm, /GoToR and /GoToE,
  embedded files and file attachments, rich media, XFA forms: ``pdf_active_content``.
"""

import io
import json
import re
import resource
import sys

CPU_SECONDS = 10  # the parent's wall-clock timeout is shorter; this only backs it up
MEMORY_BYTES = 768 * 1024 * 1024
TRAILING = re.compile(rb"%%EOF[\s\x00]*\Z")

# Actions that run code, start programs, send data or open other files.
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/ResetForm",
    "/GoToR",
    "/GoToE",
    "/RichMediaExecute",
    "/Rendition",
    "/Movie",
    "/Sound",
}
ACTIVE_KEYS = {"/JS", "/AA", "/JavaScript", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"}
ACTIVE_TYPES = {"/EmbeddedFile", "/RichMediaExecute"}
ACTIVE_SUBTYPES = {"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen"}
NAMED = (("/S", ACTIVE_ACTIONS), ("/Type", ACTIVE_TYPES), ("/Subtype", ACTIVE_SUBTYPES))
MAX_NESTING = 100  # dictionaries and arrays written inside one another


class Refused(Exception):
    def __init__(self, code: str, reason: str, limit: int | None = None):
        super().__init__(code)
        self.answer = {"refused": code, "reason": reason, "limit": limit}


def _limit_this_process() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def scan(data: bytes, *, max_objects: int, max_pages: int, max_inflated: int) -> None:
    """Raise Refused unless `data` is a PDF within the bounds and without active content."""
    head = data[:1024].lstrip()
    if not head.startswith(b"%PDF-"):
        raise Refused("not_a_pdf", "not_pdf")
    if not TRAILING.search(data[-4096:]):
        # Either no %%EOF at the end (truncated) or something after it.
        raise Refused("pdf_trailing_data" if b"%%EOF" in data else "not_a_pdf", "trailing")

    import pikepdf  # after the limits: its own start-up counts against them too

    max_inflated = min(max_inflated, 2**32 - 1)  # qpdf's limits are 32-bit
    pikepdf.settings.set_qpdf_limits(
        flate_max_memory=max_inflated,
        png_max_memory=max_inflated,
        tiff_max_memory=max_inflated,
        run_length_max_memory=max_inflated,
        dct_max_memory=max_inflated,
        doc_max_warnings=100,
        parser_max_container_size=max_objects,
        parser_max_nesting=MAX_NESTING,
    )
    limit_errors = pikepdf.settings.qpdf_limit_errors()
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise Refused("not_a_pdf", "password") from None
    except Exception as error:  # noqa: BLE001 - qpdf's refusal of untrusted bytes
        _past_a_limit(error, pikepdf, limit_errors, max_inflated)
        raise Refused("not_a_pdf", "unreadable") from None
    with pdf:
        # The cross-reference table is read without reading the objects themselves.
        if len(pdf.get_xref_table()) > max_objects:
            raise Refused("pdf_too_complex", "objects", max_objects)
        try:
            _check_objects(pdf, pikepdf, max_inflated=max_inflated)
            declared = pdf.Root.Pages.get("/Count")  # before qpdf walks the page tree
            pages = len(pdf.pages)
        except Refused:
            raise
        except Exception as error:  # noqa: BLE001
            _past_a_limit(error, pikepdf, limit_errors, max_inflated)
            raise Refused("not_a_pdf", "unreadable") from None
        if pages == 0:
            raise Refused("not_a_pdf", "no_pages")
        if pages > max_pages:
            raise Refused("pdf_too_complex", "pages", max_pages)
        if not isinstance(declared, int) or int(declared) != pages:
            raise Refused("not_a_pdf", "page_count")
    if pikepdf.settings.qpdf_limit_errors() != limit_errors:
        raise Refused("pdf_too_complex", "limits")


def _check_objects(pdf, pikepdf, *, max_inflated: int) -> None:
    """Every object once: no active content; every stream inflates within the bound."""
    open_action = pdf.Root.get("/OpenAction")
    if open_action is not None and not _goes_to_a_page(open_action, pikepdf):
        raise Refused("pdf_active_content", "open_action")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            _check_direct(obj.stream_dict, pikepdf)
            _check_stream(obj, pikepdf, max_inflated=max_inflated)
        else:
            _check_direct(obj, pikepdf)


def _goes_to_a_page(action, pikepdf) -> bool:
    if isinstance(action, pikepdf.Array):  # a destination: a page and how to show it
        return True
    return (
        isinstance(action, pikepdf.Dictionary)
        and action.get("/S") == pikepdf.Name.GoTo
        and "/Next" not in action
    )


def _check_direct(obj, pikepdf, depth: int = 0) -> None:
    """Refuse active content in `obj` and in the dictionaries and arrays written inside it
    (those that are objects of their own are checked as such). Nesting deeper than
    MAX_NESTING is refused rather than left unchecked."""
    if depth > MAX_NESTING:
        raise Refused("pdf_too_complex", "nesting", MAX_NESTING)
    if isinstance(obj, pikepdf.Dictionary):
        keys = set(obj.keys())
        if keys & ACTIVE_KEYS:
            raise Refused("pdf_active_content", sorted(keys & ACTIVE_KEYS)[0])
        for key, names in NAMED:
            value = obj.get(key)
            if isinstance(value, pikepdf.Name) and str(value) in names:
                raise Refused("pdf_active_content", str(value))
        values = (obj.get(key) for key in keys)
    elif isinstance(obj, pikepdf.Array):
        values = iter(obj)
    else:
        return
    for value in values:
        if isinstance(value, (pikepdf.Dictionary, pikepdf.Array)) and not value.is_indirect:
            _check_direct(value, pikepdf, depth + 1)


def _check_stream(stream, pikepdf, *, max_inflated: int) -> None:
    """Inflate the stream's general filters (Flate, LZW, ASCII, RunLength) under qpdf's
    memory bound: past it qpdf stops and counts a limit error. Images (DCT, JPX, JBIG2) are
    left as they are; the size limit of the upload bounds them."""
    try:
        stream.read_bytes(pikepdf.StreamDecodeLevel.generalized)
    except Exception as error:  # noqa: BLE001 - a damaged stream, which viewers tolerate
        _past_a_limit(error, pikepdf, sys.maxsize, max_inflated)


def _past_a_limit(error, pikepdf, before: int, max_inflated: int) -> None:
    """Refuse if qpdf stopped at one of its limits: an inflation bound says so in its
    message, the others count in qpdf_limit_errors."""
    if "memory limit exceeded" in str(error):
        raise Refused("pdf_too_complex", "inflated", max_inflated) from None
    if isinstance(error, MemoryError) or "bad_alloc" in str(error):  # past MEMORY_BYTES
        raise Refused("pdf_too_complex", "limits") from None
    if pikepdf.settings.qpdf_limit_errors() > before:
        raise Refused("pdf_too_complex", "limits") from None


def main(argv: list[str]) -> int:
    _limit_this_process()
    max_objects, max_pages, max_inflated = (int(a) for a in argv[1:4])
    data = sys.stdin.buffer.read()
    try:
        scan(data, max_objects=max_objects, max_pages=max_pages, max_inflated=max_inflated)
        answer = {"ok": True}
    except Refused as refusal:
        answer = refusal.answer
    except MemoryError:
        answer = Refused("pdf_too_complex", "limits").answer
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
