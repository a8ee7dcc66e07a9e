from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from .errors import CoreErrorCode, DomainError
from .forms import apply_errors


@never_cache
def favicon(request):
    """Browsers and bookmarks ask for /favicon.ico whatever the page's <link> says. The icon's
    address is read per request: in production it is the hashed name from the manifest, which
    does not exist yet when the URLs are imported (collectstatic runs later)."""
    return redirect(static("innocluster/favicon.svg"), permanent=True)


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
            "code": CoreErrorCode.SERVER_ERROR.value,
        }
        return JsonResponse(body, status=500, content_type="application/problem+json")
    return HttpResponseServerError(loader.get_template("500.html").render())


@dataclass(frozen=True)
class Outcome:
    """What `call_service` did: true when the service succeeded, false when it refused."""

    result: Any = None  # what the service returned
    error: ValidationError | DomainError | None = None  # its refusal

    def __bool__(self) -> bool:
        return self.error is None

    @property
    def status(self) -> int:
        """200, or the status to render the refusal with: 400, or the DomainError's (409, …)."""
        if self.error is None:
            return 200
        return self.error.status if isinstance(self.error, DomainError) else 400

    @property
    def code(self) -> str | None:
        """The refusal's code: the DomainError's own, or validation_error; None on success."""
        if self.error is None:
            return None
        if isinstance(self.error, DomainError):
            return self.error.code
        return CoreErrorCode.VALIDATION_ERROR


def call_service(
    request, service, /, *, form=None, success: str | None = None, default_field=None, **kwargs
) -> Outcome:
    """Run `service(**kwargs)` for a page; show its refusal to the person, never as a 500.

    On success, `success` (if given) becomes a success message. A ValidationError or a
    DomainError goes on `form` (each field's on its field, the rest as non-field errors, a
    field-less ValidationError on `default_field`), then `form_status(form)` is the refusal's
    status; without a form it becomes an error message. A 404 refusal is the 404 page. So:

        outcome = call_service(request, services.product_update, form=form,
                               success=_("The product is saved."), product=product,
                               actor=request.user, **form.cleaned_data)
        if outcome:  # outcome.result is what the service returned
            return redirect("organizations:detail", pk=product.organization_id)
        return render(request, "organizations/product_form.html", context, status=form_status(form))

    Buttons with no form redirect either way. `outcome.code` tells refusals apart (a Conflict's
    code, `validation_error`) and `outcome.error` is the exception (a Conflict's `extra`).
    """
    try:
        result = service(**kwargs)
    except (ValidationError, DomainError) as error:
        if isinstance(error, DomainError) and error.status == 404:
            raise Http404(error.detail) from None
        outcome = Outcome(error=error)
        if form is not None:
            apply_errors(form, error, default_field=default_field)
            form.error_status = outcome.status
        else:
            text = error.detail if isinstance(error, DomainError) else " ".join(error.messages)
            messages.error(request, text)
        return outcome
    if success:
        messages.success(request, success)
    return Outcome(result=result)


def submit_form(
    request, form, service, /, *, to, values=None, success: str | None = None,
    default_field=None, **kwargs,
):  # fmt: skip
    """A page's sent form, the usual way: when `form` is valid, `call_service(request,
    service, **kwargs, **values(form.cleaned_data))` (`values` defaults to every cleaned
    field); its success redirects to `to` (what `redirect()` takes: a URL, a model). Returns
    that redirect, or None when the form or the service refused: the errors are on the form,
    and the caller renders its page again with `form_status(form)`:

        form = QuestionForm(request.POST)
        done = submit_form(request, form, services.question_ask, to=order,
                           success=_("Sent."), order=order, actor=request.user)
        return done or render_order(request, order, form_status(form), question_form=form)
    """
    if not form.is_valid():
        return None
    given = values(form.cleaned_data) if values else dict(form.cleaned_data)
    outcome = call_service(
        request, service, form=form, success=success, default_field=default_field,
        **kwargs, **given,
    )  # fmt: skip
    return redirect(to) if outcome else None


def run_service(request, action, success: str, **kwargs) -> bool:
    """`call_service` for a POST button with a success message; True when it succeeded."""
    return bool(call_service(request, action, success=success, **kwargs))
