"""E-mail goes out through a background task, so a slow mail server never slows a page."""

from django.template.loader import render_to_string

from .tasks import send_email


def send_templated_mail(*, to: str, subject: str, template: str, context: dict) -> None:
    """Render in the active language now; deliver in the background worker."""
    body = render_to_string(template, context)
    send_email.enqueue(to=[to], subject=str(subject), body=body)
