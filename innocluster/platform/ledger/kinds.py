"""What people read for a kind of ledger entry. The ledger stores the dotted kind
("review.decided"); the app that appends a kind registers its label here, so the public pages
say "decision on an application" and the ledger never imports the apps above it."""

from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, str] = {}


def register_kind(code: str, label) -> None:
    """`label` is a lazy translation, read in the reader's language."""
    _LABELS[code] = label


def kind_label(code: str):
    """The kind's label, or a neutral phrase for a kind nobody registered (never the code)."""
    return _LABELS.get(code, _("recorded fact"))
