from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from .errors import DomainError


@never_cache
def healthz(request):
    """For load balancers: answers once the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def rate_limited(request, exception):
    """django-ratelimit's refusal: 429 with a page that says what happened."""
    return render(request, "429.html", status=429)


def server_error(request):
    """A crash: problem+json for the API, the plain error page for people."""
    if request.path_info.startswith("/api/"):
        body = {
            "type": "about:blank",
            "title": "Server error.",
            "status": 500,
            "detail": "The server failed to answer. The error is logged; try again later.",
        }
        return JsonResponse(body, status=500, content_type="application/problem+json")
    return HttpResponseServerError(loader.get_template("500.html").render())


def run_service(request, action, success: str, **kwargs) -> bool:
    """Call a service from a POST button and say how it went in a message: its refusal as an
    error message (a 404 refusal as a 404 page), never as a 500. True when it succeeded."""
    try:
        action(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except DomainError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, error.detail)
    else:
        messages.success(request, success)
        return True
    return False
