from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache


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
