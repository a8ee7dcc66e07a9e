"""Links from a public page (a status, a decision, an award) to its ledger entries and proofs.

{% load ledger_tags %}
{% ledger_links "organization:42" %}
{% ledger_links subject kind="participant_status.granted" %}

Three queries whatever the number of entries: the entries, the facts still being recorded, and
the size of the latest signed checkpoint (an entry's proof exists once a checkpoint covers it).
"""

from django import template
from django.urls import reverse

from ..kinds import kind_label
from ..selectors import checkpoint_latest, entries_for_subject, pending_for_subject

register = template.Library()
LIMIT = 20


def entry_links(entry, signed_size: int) -> dict:
    """What a page needs to link one entry: its number, kind, time, entry URL, and the URL
    of its proof once a signed checkpoint covers it (None until then: a few seconds)."""
    signed = entry.index < signed_size
    return {
        "index": entry.index,
        "kind": entry.kind,
        "label": kind_label(entry.kind),
        "timestamp": entry.timestamp,
        "entry_url": reverse("ledger:entry", kwargs={"index": entry.index}),
        "proof_url": reverse("ledger:entry", kwargs={"index": entry.index}) + "#proof"
        if signed
        else None,
    }


@register.inclusion_tag("ledger/_entry_links.html")
def ledger_links(subject: str, kind: str | None = None) -> dict:
    """The object's entries, and its facts still being recorded (committed, not yet sequenced:
    they get their entry within seconds)."""
    entries = entries_for_subject(subject=subject, kind=kind)[:LIMIT]
    pending = pending_for_subject(subject=subject, kind=kind)[:LIMIT]
    latest = checkpoint_latest() if entries else None
    signed_size = latest.tree_size if latest else 0
    return {
        "links": [entry_links(entry, signed_size) for entry in entries],
        "pending": [
            {"kind": fact.kind, "label": kind_label(fact.kind), "queued_at": fact.queued_at}
            for fact in pending
        ],
    }
