"""HTTP caching of public pages and API reads for people who are not signed in (issue 18).

`@public_read` on a view (or a DRF view's `list`/`retrieve`) makes its anonymous GETs

- carry a validator, a weak ETag made of what the answer shows: the data version that every
  ORM write moves (core/querycache.py), the time in CACHE_SECONDS steps (the bound for writes
  the version cannot see, and for what the clock changes: today's slots, deadlines), the
  language, the path and query, htmx's partial or whole page, and the release (code,
  templates, translations);
- answer a conditional request whose ETag still holds with 304 **before** the view runs;
- carry `Cache-Control: public, max-age=MAX_AGE` and `Vary: Cookie, Authorization,
  Accept-Encoding`, with `HX-Request` on pages (a partial or the whole page) and `Accept`,
  `Accept-Language` on the API (whose language comes from that header; pages have it in
  their path), the same on a 304 as on the 200.

So a browser or a shared cache shows an anonymous page at most MAX_AGE seconds after an ORM
write changes it, and at most CACHE_SECONDS + MAX_AGE after a bulk write (`update`,
`bulk_create`) does, or when a read lands between a write and its commit (the version moves
at the save: that read keeps the old rows under the new version until the next time step).

Nothing personal is ever cached: a signed-in person (a session or an API token), a request
with an Authorization header, and an answer that holds a CSRF token, a message, sets a cookie
or is not a 200 get `Cache-Control: private, no-cache` and no validator.
"""

import functools
import hashlib
import os
import time
from pathlib import Path

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from . import querycache

# Seconds a browser or shared cache may show an anonymous answer without asking again.
MAX_AGE = 10


def public_read(view):
    """Decorate a function view, or a method of a DRF view (its request is the second
    argument): see the module's docstring."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        request = args[0] if _is_request(args[0]) else args[1]
        if request.method not in ("GET", "HEAD"):
            return view(*args, **kwargs)
        if _personal(request):
            return _private(view(*args, **kwargs))
        etag = _etag(request)
        if etag in _asked(request):
            return _public(HttpResponseNotModified(), request, etag)
        response = view(*args, **kwargs)
        if getattr(response, "is_rendered", True) is False:
            # A DRF Response or a TemplateResponse renders after the view returns, and only
            # then is it known whether it holds a CSRF token (the browsable API's page does).
            response.add_post_render_callback(lambda done: _decide(request, done, etag))
            return response
        return _decide(request, response, etag)

    return wrapper


def _decide(request, response, etag: str):
    if not _shareable(request, response):
        return _private(response)
    return _public(response, request, etag)


def _is_request(candidate) -> bool:
    return isinstance(candidate, HttpRequest) or hasattr(candidate, "_request")


def _personal(request) -> bool:
    return (
        getattr(request.user, "is_authenticated", False)
        or "HTTP_AUTHORIZATION" in request.META
        or len(get_messages(request)) > 0
    )


def _shareable(request, response) -> bool:
    """The same answer for every anonymous person: nothing of this one's own in it."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and not response.cookies
        and not (session is not None and session.modified)
        and len(get_messages(request)) == 0
    )


def _etag(request) -> str:
    parts = (
        querycache.data_version(),
        _period(),
        translation.get_language(),
        request.get_full_path(),
        request.META.get("HTTP_HX_REQUEST", ""),
        request.META.get("HTTP_ACCEPT", "") if request.path_info.startswith("/api/") else "",
        RELEASE,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def _period() -> int:
    """Which CACHE_SECONDS-long stretch of time it is: a validator lives no longer than the
    counts cached for the page (a write that bypasses the signals shows within it)."""
    return int(time.time() // querycache.CACHE_SECONDS)


def _asked(request) -> set[str]:
    """The ETags of If-None-Match, compared weakly (RFC 9110 13.1.2)."""
    asked = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    return {tag if tag.startswith("W/") else "W/" + tag for tag in asked}


def _public(response, request, etag: str):
    response.headers["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    # The same Vary on a 304 as on the 200 it confirms (a cache takes the 304's headers): the
    # 200's own Vary comes from middleware and views that a 304 never reaches.
    vary = ["Cookie", "Authorization", "Accept-Encoding"]
    if request.path_info.startswith("/api/"):
        vary += ["Accept", "Accept-Language"]
    else:
        vary += ["HX-Request"]
    patch_vary_headers(response, vary)
    return response


def _private(response):
    if "ETag" in response.headers:
        del response.headers["ETag"]
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie", "Authorization"])
    return response


def _release() -> str:
    """What changes the pages besides the data: the code, templates and translations (their
    latest change), read once per process; every worker of one installation gets the same."""
    root = Path(__file__).resolve().parent.parent
    latest = 0.0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith((".py", ".html", ".mo", ".txt")):
                latest = max(latest, os.stat(os.path.join(folder, name)).st_mtime)
    return str(latest)


RELEASE = _release()
