from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation

from innocluster.platform.notifications.models import Notification
from innocluster.platform.notifications.services import (
    notification_email_deliver,
    notification_mark_read,
    notification_send,
)
from tests.factories import UserFactory

from .helpers import CONTEXT, GREETING, PLAIN, send

pytestmark = pytest.mark.django_db


def test_one_notification_per_distinct_active_person(django_capture_on_commit_callbacks):
    anna, boris = UserFactory(), UserFactory()
    gone = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        sent = send([anna, boris, anna, gone], url="/notifications/")
    assert sorted(n.recipient_id for n in sent) == sorted([anna.pk, boris.pk])
    stored = Notification.objects.get(recipient=anna)
    # The facts are kept, not words in one language.
    assert (stored.kind, stored.context, stored.url) == (GREETING.code, CONTEXT, "/notifications/")
    assert stored.read_at is None
    assert len(mail.outbox) == 2


def test_nobody_to_tell_writes_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        assert send([UserFactory(is_active=False)]) == []
    assert callbacks == [] and not Notification.objects.exists()


def test_notifications_and_letters_roll_back_with_the_fact_they_announce(
    django_capture_on_commit_callbacks,
):
    person = UserFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send([person])
        raise RuntimeError("the decision failed")
    assert callbacks == []
    assert not Notification.objects.exists() and mail.outbox == []


def test_letters_wait_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send([UserFactory()])
    assert len(callbacks) == 1 and mail.outbox == []  # one task for all the letters
    callbacks[0]()
    [letter] = mail.outbox
    assert "Open it here" not in letter.body  # no link of its own: only the inbox's
    assert letter.body.rstrip().endswith("/notifications/")


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"kind": "test.unknown"}, LookupError, "test.unknown"),
        ({"context": {"organization": "X"}}, KeyError, "due"),
        ({"context": {**CONTEXT, "amount": Decimal("1.50")}}, TypeError, "amount"),
        ({"context": {**CONTEXT, "list": [1, 2]}}, TypeError, "list"),
        ({"context": {**CONTEXT, "x": float("nan")}}, TypeError, "'x'"),
        ({"context": ["not", "a", "dict"]}, TypeError, "dict"),
        ({"url": "https://evil.example/"}, ValueError, "path on this site"),
        ({"url": "//evil.example/"}, ValueError, "path on this site"),
        ({"url": "/" + "x" * 500}, ValueError, "path on this site"),
    ],
)
def test_programming_errors_are_raised_at_once_and_change_nothing(
    kwargs, error, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(error, match=message):
        send([UserFactory()], **kwargs)
    assert callbacks == [] and not Notification.objects.exists()


def test_each_letter_is_in_its_recipients_language(settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://cluster.example"
    russian = UserFactory(language="ru", full_name="Анна Петрова")
    english = UserFactory(language="en", full_name="Bob Smith")
    with django_capture_on_commit_callbacks(execute=True):
        send([russian, english], url="/notifications/?unread=true")
    letters = {message.to[0]: message for message in mail.outbox}
    ru, en = letters[russian.email], letters[english.email]
    assert ru.subject == 'ООО "Ромашка" одобрена'
    assert "Решение до 20.01.2026." in ru.body
    assert "https://cluster.example/notifications/?unread=true" in ru.body
    assert en.subject == 'ООО "Ромашка" was approved'
    assert "Hello, Bob Smith!" in en.body and "Decision due by 01/20/2026." in en.body
    assert "https://cluster.example/en/notifications/?unread=true" in en.body
    assert "https://cluster.example/en/notifications/\n" in en.body  # the inbox link
    assert "&quot;" not in ru.body + en.body  # plain text: nothing HTML-escaped


def test_a_title_with_line_breaks_makes_a_one_line_subject(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send([UserFactory(language="en")], context={"organization": "A\nB\r\nC", "due": "x"})
    assert mail.outbox[0].subject == "A B C was approved"


def test_no_letter_without_a_confirmed_email(django_capture_on_commit_callbacks):
    unconfirmed = UserFactory(email_confirmed_at=None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = send([unconfirmed])
    assert len(sent) == 1 and callbacks == [] and mail.outbox == []


def test_in_app_only_when_asked(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send([UserFactory()], kind=PLAIN.code, context={}, email=False)
    assert callbacks == [] and mail.outbox == [] and Notification.objects.count() == 1


def test_a_letter_goes_out_once_however_often_the_task_runs(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send([UserFactory()])
    assert notification_email_deliver(ids=[sent[0].pk]) == 0
    assert len(mail.outbox) == 1
    assert Notification.objects.get().emailed_at is not None


def test_no_letter_for_a_person_deactivated_before_the_task_ran():
    person = UserFactory()
    sent = send([person])  # the on-commit hook is not run here
    person.is_active = False
    person.save()
    assert notification_email_deliver(ids=[sent[0].pk]) == 0 and mail.outbox == []


def test_mark_read_some_then_all_only_ever_ones_own():
    anna, boris = UserFactory(), UserFactory()
    mine = send([anna]) + send([anna]) + send([anna])
    theirs = send([boris])
    assert notification_mark_read(user=anna, ids=[mine[0].pk, theirs[0].pk]) == 1
    assert notification_mark_read(user=anna, ids=[mine[0].pk]) == 0  # already read
    assert notification_mark_read(user=anna, ids=[]) == 0
    assert Notification.objects.get(pk=theirs[0].pk).read_at is None
    assert notification_mark_read(user=anna) == 2
    assert not Notification.objects.filter(recipient=anna, read_at__isnull=True).exists()
    assert notification_mark_read(user=boris, ids=iter([theirs[0].pk])) == 1


def test_the_words_are_rendered_when_read_in_the_readers_language():
    [notification] = send([UserFactory()], url="/notifications/")
    with translation.override("ru"):
        assert (notification.title, notification.link) == (
            'ООО "Ромашка" одобрена',
            "/notifications/",
        )
    with translation.override("en"):
        assert (notification.title, notification.link) == (
            'ООО "Ромашка" was approved',
            "/en/notifications/",
        )


def test_bulk_send_is_a_single_insert(django_assert_num_queries):
    people = [UserFactory() for _ in range(30)]
    with django_assert_num_queries(1):
        notification_send(recipients=people, kind=PLAIN.code, context={}, email=False)
    assert Notification.objects.filter(created_at__lte=timezone.now()).count() == 30
