"""E-mail goes out through a background task, so a slow mail server never slows a page."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email

_suppressed = ContextVar("mail_suppressed", default=False)


@contextmanager
def mail_suppressed() -> Iterator[None]:
    """No letter leaves while inside: for demo data, whose made-up people would otherwise get
    hundreds of letters that bury a newcomer's own confirmation link in the console."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def is_mail_suppressed() -> bool:
    return _suppressed.get()


def send_templated_mail(
    *, to: str, template: str, context: dict, language: str | None = None
) -> None:
    """Render now, in `language` (the active one by default); deliver in the background worker.

    The template's first line is the subject, the rest is the body: one file per letter, so
    its subject and text are translated together.
    """
    if is_mail_suppressed():
        return
    with translation.override(language or translation.get_language()):
        subject, _newline, body = render_to_string(template, context).strip().partition("\n")
    send_email.enqueue(to=[to], subject=subject.strip(), body=body.strip() + "\n")
