"""The kinds of notification: a registry that apps fill, so this app never imports them.

An app declares its kinds once, at import of its own `notifications` module (or in its
AppConfig.ready()), and then sends by code:

    SUBMITTED = register(NotificationKind(
        code="review.submitted",
        title=_("{organization} submitted {case}"),
        body=_("The decision is due by {due}."),
    ))
    notification_send(recipients=reviewers, kind=SUBMITTED.code, context={...}, url=...)

Title and body are lazy translations with str.format placeholders. A notification stores the
code and the context, never the rendered text, so each reader sees it in their own language.
"""

import string
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise

_REGISTRY: dict[str, "NotificationKind"] = {}


@dataclass(frozen=True)
class NotificationKind:
    code: str  # "review.submitted"
    title: str | Promise  # gettext_lazy, placeholders filled from the context
    body: str | Promise = ""  # gettext_lazy, the same placeholders

    def placeholders(self) -> set[str]:
        """The context keys the source (English) title and body ask for."""
        names = set()
        with translation.override(None):
            for text in (str(self.title), str(self.body)):
                names |= {field for _t, field, _s, _c in string.Formatter().parse(text) if field}
        return {name.split(".")[0].split("[")[0] for name in names}


def register(kind: NotificationKind) -> NotificationKind:
    """Declare a kind. Declaring the same kind again (a module imported twice) is harmless;
    a different kind under a code already taken is a programming error."""
    if not kind.code or len(kind.code) > 64:
        raise ValueError(f"A notification kind needs a code of 1 to 64 characters: {kind.code!r}")
    existing = _REGISTRY.setdefault(kind.code, kind)
    if existing != kind:
        raise ValueError(f"Notification kind {kind.code!r} is already registered differently.")
    return existing


def kind_get(code: str) -> NotificationKind:
    """The kind registered under `code`; LookupError when there is none."""
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(f"Unknown notification kind {code!r}: register() it first.") from None
