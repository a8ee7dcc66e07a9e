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

    pikepdf.settings.set_qpdf_limits(
        flate_max_memory=max_inflated,
        png_max_memory=max_inflated,
        tiff_max_memory=max_inflated,
        run_length_max_memory=max_inflated,
        dct_max_memory=max_inflated,
        doc_max_warnings=100,
        parser_max_container_size=max_objects,
    )
    limit_errors = pikepdf.settings.qpdf_limit_errors()
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise Refused("not_a_pdf", "password") from None
    except Exception as error:  # noqa: BLE001 - qpdf's refusal of untrusted bytes
        if _over_limit(error, pikepdf, limit_errors):
            raise Refused("pdf_too_complex", "inflated", max_inflated) from None
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
            if _over_limit(error, pikepdf, limit_errors):
                raise Refused("pdf_too_complex", "inflated", max_inflated) from None
            raise Refused("not_a_pdf", "unreadable") from None
        if pages == 0:
            raise Refused("not_a_pdf", "no_pages")
        if pages > max_pages:
            raise Refused("pdf_too_complex", "pages", max_pages)
        if not isinstance(declared, int) or int(declared) != pages:
            raise Refused("not_a_pdf", "page_count")
    if pikepdf.settings.qpdf_limit_errors() != limit_errors:
        raise Refused("pdf_too_complex", "inflated", max_inflated)


def _check_objects(pdf, pikepdf, *, max_inflated: int) -> None:
    """Every object once: no active content; every stream inflates within the bound."""
    open_action = pdf.Root.get("/OpenAction")
    if open_action is not None and not _goes_to_a_page(open_action, pikepdf):
        raise Refused("pdf_active_content", "open_action")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            _check_dictionary(obj.stream_dict, pikepdf)
            _check_stream(obj, pikepdf, max_inflated=max_inflated)
        elif isinstance(obj, pikepdf.Dictionary):
            _check_dictionary(obj, pikepdf)
        elif isinstance(obj, pikepdf.Array):
            for item in obj:
                if isinstance(item, pikepdf.Dictionary) and not item.is_indirect:
                    _check_dictionary(item, pikepdf)


def _goes_to_a_page(action, pikepdf) -> bool:
    if isinstance(action, pikepdf.Array):  # a destination: a page and how to show it
        return True
    return (
        isinstance(action, pikepdf.Dictionary)
        and action.get("/S") == pikepdf.Name.GoTo
        and "/Next" not in action
    )


def _check_dictionary(dictionary, pikepdf, depth: int = 0) -> None:
    """Refuse active content in `dictionary` and in the dictionaries written inside it (those
    that are objects of their own are checked as such)."""
    keys = set(dictionary.keys())
    if keys & ACTIVE_KEYS:
        raise Refused("pdf_active_content", sorted(keys & ACTIVE_KEYS)[0])
    for key, names in (
        ("/S", ACTIVE_ACTIONS),
        ("/Type", ACTIVE_TYPES),
        ("/Subtype", ACTIVE_SUBTYPES),
    ):
        value = dictionary.get(key)
        if isinstance(value, pikepdf.Name) and str(value) in names:
            raise Refused("pdf_active_content", str(value))
    if depth > 50:
        return
    for key in keys:
        value = dictionary.get(key)
        if isinstance(value, pikepdf.Dictionary) and not value.is_indirect:
            _check_dictionary(value, pikepdf, depth + 1)
        elif isinstance(value, pikepdf.Array) and not value.is_indirect:
            for item in value:
                if isinstance(item, pikepdf.Dictionary) and not item.is_indirect:
                    _check_dictionary(item, pikepdf, depth + 1)


def _check_stream(stream, pikepdf, *, max_inflated: int) -> None:
    """Inflate the stream's general filters (Flate, LZW, ASCII, RunLength) under qpdf's
    memory bound: past it qpdf stops and counts a limit error. Images (DCT, JPX, JBIG2) are
    left as they are; the size limit of the upload bounds them."""
    try:
        stream.read_bytes(pikepdf.StreamDecodeLevel.generalized)
    except Exception as error:  # noqa: BLE001 - a damaged stream, which viewers tolerate
        if _over_limit(error, pikepdf):
            raise Refused("pdf_too_complex", "inflated", max_inflated) from None


def _over_limit(error, pikepdf, before: int = 0) -> bool:
    """Whether qpdf stopped at one of its limits (an inflation bound says so in its message)."""
    return "limit exceeded" in str(error) or pikepdf.settings.qpdf_limit_errors() > before


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
        answer = Refused("pdf_too_complex", "memory").answer
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
