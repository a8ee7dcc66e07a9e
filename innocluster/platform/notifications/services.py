"""Writes of the notifications app: send, mark read, and deliver the letters."""

import math
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from innocluster.core.mail import is_mail_suppressed, send_templated_mail

from .kinds import NotificationKind, kind_get
from .models import Notification
from .rendering import is_local_path, localized_url, render

JSON_SCALARS = (str, int, float, bool, type(None))
URL_MAX_LENGTH = Notification._meta.get_field("url").max_length


def notification_send(
    *, recipients: Iterable, kind: str, context: dict, url: str = "", email: bool = True
) -> list[Notification]:
    """Tell each distinct active person in `recipients` about something, once.

    Guarantees: the in-app notifications are written in the caller's transaction, so they
    commit or roll back with the fact they announce; the letters go out from one background
    task enqueued only on commit, each in its recipient's language, only to people with a
    confirmed e-mail. An unknown kind, a context that is not plain JSON or lacks a placeholder
    of the kind, or a `url` that is not a path on this site is a programming error raised here,
    at once, not later in a worker.
    """
    notification_kind = kind_get(kind)
    _check_context(notification_kind, context)
    _check_url(url)
    people = _distinct_active(recipients)
    if not people:
        return []
    notifications = Notification.objects.bulk_create(
        [Notification(recipient=person, kind=kind, context=context, url=url) for person in people]
    )
    ids = [n.pk for n in notifications if n.recipient.email_confirmed]
    if email and ids and not is_mail_suppressed():
        from .tasks import deliver_notification_emails  # the task module imports this one

        transaction.on_commit(lambda: deliver_notification_emails.enqueue(notification_ids=ids))
    return notifications


def _check_context(kind: NotificationKind, context: dict) -> None:
    if not isinstance(context, dict) or not all(isinstance(k, str) for k in context):
        raise TypeError("A notification's context is a dict with string keys.")
    for key, value in context.items():
        if not isinstance(value, JSON_SCALARS) or (
            isinstance(value, float) and not math.isfinite(value)
        ):
            raise TypeError(
                f"Context value {key!r} must be a plain JSON string or number, "
                f"not {type(value).__name__} (pass str() of it)."
            )
    missing = kind.placeholders() - set(context)
    if missing:
        raise KeyError(f"Notification kind {kind.code!r} needs context keys {sorted(missing)}.")


def _check_url(url: str) -> None:
    if url and (len(url) > URL_MAX_LENGTH or not is_local_path(url)):
        raise ValueError(f"A notification links to a path on this site, not {url!r}.")


def _distinct_active(recipients: Iterable) -> list:
    seen, people = set(), []
    for person in recipients:
        if person.is_active and person.pk not in seen:
            seen.add(person.pk)
            people.append(person)
    return people


def notification_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's own unread notifications read: those in `ids`, or all when None.

    Ids of other people's notifications, or of ones already read, are skipped, never touched.
    Returns how many changed.
    """
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=[int(pk) for pk in ids])
    return unread.update(read_at=timezone.now())


def notification_email_deliver(*, ids: Iterable[int]) -> int:
    """Hand the letters of these notifications to the mailer, each at most once.

    Each is claimed (`emailed_at`) in the same transaction that enqueues its letter, so a task
    run twice sends nothing twice, and a failed enqueue leaves it to be tried again. People
    without a confirmed e-mail, or no longer active, get nothing. Returns how many went out.
    """
    sent = 0
    pending = Notification.objects.filter(pk__in=list(ids), emailed_at__isnull=True)
    for notification in pending.select_related("recipient"):
        recipient = notification.recipient
        if not (recipient.is_active and recipient.email_confirmed):
            continue
        with transaction.atomic():
            claimed = Notification.objects.filter(
                pk=notification.pk, emailed_at__isnull=True
            ).update(emailed_at=timezone.now())
            if claimed:
                _send_letter(notification)
                sent += 1
    return sent


def _send_letter(notification: Notification) -> None:
    language = notification.recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        title, body = render(notification.kind, notification.context)
        title = " ".join(title.split())  # the subject is one line, whatever the context held
        inbox = reverse("notifications:list")
    link = localized_url(notification.url, language)
    send_templated_mail(
        to=notification.recipient.email,
        template="notifications/email/notification.txt",
        language=language,
        context={
            "recipient": notification.recipient,
            "title": title,
            "body": body,
            "link": settings.SITE_URL + link if link else "",
            "inbox": settings.SITE_URL + inbox,
        },
    )
