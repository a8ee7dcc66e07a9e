"""E-mail goes out through a background task, so a slow mail server never slows a page."""

from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def send_templated_mail(
    *, to: str, template: str, context: dict, language: str | None = None
) -> None:
    """Render now, in `language` (the active one by default); deliver in the background worker.

    The template's first line is the subject, the rest is the body: one file per letter, so
    its subject and text are translated together.
    """
    with translation.override(language or translation.get_language()):
        subject, _newline, body = render_to_string(template, context).strip().partition("\n")
    send_email.enqueue(to=[to], subject=subject.strip(), body=body.strip() + "\n")
