"""Links from a public page (a status, a decision, an award) to its ledger entries and proofs.

{% load ledger_tags %}
{% ledger_links "organization:42" %}
{% ledger_links subject kind="participant_status.granted" %}

Two queries whatever the number of entries: the entries, and the facts still being recorded.
"""

from django import template
from django.urls import reverse

from ..selectors import entries_for_subject, pending_for_subject

register = template.Library()
LIMIT = 20


def entry_links(entry) -> dict:
    """What a page needs to link one entry: its number, kind, time, entry and proof URLs."""
    return {
        "index": entry.index,
        "kind": entry.kind,
        "timestamp": entry.timestamp,
        "entry_url": reverse("ledger_api:entry", kwargs={"index": entry.index}),
        "proof_url": reverse("ledger_api:entry-proof", kwargs={"index": entry.index}),
    }


@register.inclusion_tag("ledger/_entry_links.html")
def ledger_links(subject: str, kind: str | None = None) -> dict:
    """The object's entries, and its facts still being recorded (committed, not yet sequenced:
    they get their entry within seconds)."""
    entries = entries_for_subject(subject=subject, kind=kind)[:LIMIT]
    pending = pending_for_subject(subject=subject, kind=kind)[:LIMIT]
    return {
        "links": [entry_links(entry) for entry in entries],
        "pending": [{"kind": fact.kind, "queued_at": fact.queued_at} for fact in pending],
    }
