"""Uploaded files go out only through views that checked the caller; this is how they go out."""

from django.http import FileResponse, Http404


def serve_file(field_file, *, public: bool, download_name: str | None = None) -> FileResponse:
    """Stream a stored file, or 404 if there is none.

    Nothing served here runs in the browser (a CSP of `default-src 'none'`). A public file
    (a logo) may be cached anywhere for an hour; a private one never by a shared cache. With a
    `download_name` the file is always downloaded, never shown inline.
    """
    if not field_file:
        raise Http404
    try:
        opened = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if download_name:
        response = FileResponse(
            opened,
            as_attachment=True,
            filename=download_name,
            content_type="application/octet-stream",
        )
    else:
        response = FileResponse(opened)
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
