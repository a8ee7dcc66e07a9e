"""Writes of the directory: the search index's rebuilds and saved searches."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from innocluster.platform.organizations.models import Organization

from .backends import backend
from .saved import (  # the writes of saved searches, one mechanism for every source
    MAX_SAVED_SEARCHES,
    SavedSource,
    canonical_query,
    saved_search_by_token,
    saved_search_create,
    saved_search_delete,
    saved_search_path,
    saved_search_set_email,
    saved_search_unsubscribe,
    saved_searches_notify,
    saved_source_register,
    saved_sources,
    unsubscribe_token,
)

REBUILD_BATCH = 5000

__all__ = [
    "MAX_SAVED_SEARCHES",
    "SavedSource",
    "canonical_query",
    "saved_search_by_token",
    "saved_search_path",
    "saved_search_create",
    "saved_search_delete",
    "saved_search_set_email",
    "saved_search_unsubscribe",
    "saved_searches_notify",
    "saved_source_register",
    "saved_sources",
    "search_index_deferred",
    "search_index_rebuild",
    "unsubscribe_token",
]


def search_index_rebuild(
    *,
    missing_only: bool = False,
    batch_size: int = REBUILD_BATCH,
    progress: Callable[[int], object] | None = None,
) -> int:
    """Rewrite the index entries of every organization (or only of those without one), in
    batches of `batch_size`, each in its own transaction. Returns how many were written.

    The triggers keep the index current on every change; this is for after a load that
    deferred them (`search_index_deferred`) and for repairs.
    """
    ids = Organization.objects.order_by("pk").values_list("pk", flat=True)
    if missing_only:
        with connection.cursor() as cursor:
            cursor.execute(backend().indexed_ids_sql())
            indexed = {row[0] for row in cursor.fetchall()}
    written = 0
    batch: list[int] = []
    for pk in ids.iterator(chunk_size=batch_size):
        if missing_only and pk in indexed:
            continue
        batch.append(pk)
        if len(batch) >= batch_size:
            written += _refresh(batch, progress)
            batch = []
    if batch:
        written += _refresh(batch, progress)
    return written


def _refresh(ids: list[int], progress) -> int:
    with transaction.atomic():
        backend().refresh(ids)
    if progress:
        progress(len(ids))
    return len(ids)


@contextmanager
def search_index_deferred(*, progress: Callable[[int], object] | None = None) -> Iterator[None]:
    """For bulk loads: inside the block the index triggers stand aside (on this connection);
    at its end every organization without an index entry gets one, set-based and in batches.

    Only new organizations are indexed at the end, so the block is for adding organizations
    with everything that hangs on them, not for changing existing ones.
    """
    with backend().deferred():
        yield
    search_index_rebuild(missing_only=True, progress=progress)
