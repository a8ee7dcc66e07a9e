"""Reads of the published figures: the snapshots only, never the raw tables (the public page's
speed and its promise: what it shows is what the ledger holds)."""

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.http import Http404

from innocluster.platform.ledger.selectors import entries_for_subject

from .models import Snapshot


@dataclass(frozen=True)
class Published:
    """A snapshot as read: its row's fields and its figures parsed."""

    day: date
    computed_at: object
    sha256: str
    data: dict

    @property
    def figures(self) -> dict:
        return self.data.get("figures", {})

    @property
    def ledger_subject(self) -> str:
        return f"figures:{self.day.isoformat()}"


@lru_cache(maxsize=32)
def _parse(sha256: str, body: str) -> dict:
    # Keyed by the hash: a snapshot never changes, so its parse can be kept in the process.
    return json.loads(body)


def _published(row) -> Published:
    return Published(row.day, row.computed_at, row.sha256, _parse(row.sha256, row.body))


def snapshot_latest() -> Published | None:
    row = Snapshot.objects.order_by("-day").only("day", "computed_at", "sha256", "body").first()
    return _published(row) if row else None


def snapshot_on(*, day: date) -> Published | None:
    """The snapshot published on `day`, or the last one before it; None if there is none."""
    row = Snapshot.objects.filter(day__lte=day).order_by("-day").first()
    return _published(row) if row else None


def snapshot_get(*, day: date) -> Snapshot:
    try:
        return Snapshot.objects.get(day=day)
    except Snapshot.DoesNotExist:
        raise Http404 from None


def snapshot_days():
    """Every snapshot, newest first, without the bodies (the revision history)."""
    return Snapshot.objects.order_by("-day").only("day", "computed_at", "sha256")


def figure_history(*, code: str, limit: int = 60) -> list[tuple[Snapshot, object]]:
    """A figure's published total in each of the last `limit` snapshots (newest first)."""
    rows = Snapshot.objects.order_by("-day")[:limit]
    result = []
    for row in rows:
        figure = _published(row).figures.get(code)
        result.append((row, None if figure is None else figure.get("total")))
    return result


def snapshot_ledger_entry(*, day: date):
    """The ledger entry recording the snapshot's hash: None while it is still being recorded."""
    return entries_for_subject(
        subject=f"figures:{day.isoformat()}", kind="figures.snapshot"
    ).first()
