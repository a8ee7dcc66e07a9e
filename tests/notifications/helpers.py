"""Notification kinds for the tests, and a helper to send them.

`bilingual` stands in for a gettext_lazy string whose Russian translation is in the catalogue:
a lazy string that reads in the active language, as a translated one does once compiled.
"""

from django.utils import translation
from django.utils.functional import lazy

from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send


def _pick(en: str, ru: str) -> str:
    return ru if (translation.get_language() or "").startswith("ru") else en


bilingual = lazy(_pick, str)

GREETING = register(
    NotificationKind(
        code="test.greeting",
        title=bilingual("{organization} was approved", "{organization} одобрена"),
        body=bilingual("Decision due by {due}.", "Решение до {due}."),
    )
)
PLAIN = register(NotificationKind(code="test.plain", title="Something happened"))
CONTEXT = {"organization": 'ООО "Ромашка"', "due": "2026-01-20"}


def send(recipients, *, kind=GREETING.code, context=None, url="", email=True):
    return notification_send(
        recipients=recipients,
        kind=kind,
        context=CONTEXT if context is None else context,
        url=url,
        email=email,
    )
