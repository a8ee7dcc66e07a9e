"""Writes of the directory: the search index's rebuilds and saved searches."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.errors import Conflict, NotFound
from innocluster.platform.organizations.models import Organization

from .backends import backend
from .errors import DirectoryErrorCode
from .filters import SearchFilterSet
from .models import SavedSearch

REBUILD_BATCH = 5000
MAX_SAVED_SEARCHES = 50


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


# --- Saved searches -----------------------------------------------------------------------------


def saved_search_create(*, user, name: str, query: str) -> SavedSearch:
    """Save the search `query` (a query string of the search page) for `user`.

    The query must be a valid search; new organizations that match it from now on are
    announced by the daily task. Saving the same query again is a Conflict.
    """
    name = (name or "").strip()
    if not name:
        raise _refused("name", _("Give the search a name."), "required")
    if len(name) > SavedSearch._meta.get_field("name").max_length:
        raise _refused("name", _("The name is too long."), "max_length")
    query = canonical_query(query)
    if user.saved_searches.count() >= MAX_SAVED_SEARCHES:
        raise Conflict(
            _("You have %(n)s saved searches, the most allowed. Delete one first.")
            % {"n": MAX_SAVED_SEARCHES},
            code=DirectoryErrorCode.TOO_MANY_SAVED_SEARCHES,
        )
    try:
        with transaction.atomic():
            return SavedSearch.objects.create(
                user=user, name=name, query=query, checked_at=timezone.now()
            )
    except IntegrityError:
        raise Conflict(
            _("You have already saved this search."), code=DirectoryErrorCode.SAVED_SEARCH_EXISTS
        ) from None


def canonical_query(query: str) -> str:
    """The search's parameters, checked and in a stable order; ValidationError if invalid."""
    data = QueryDict(query or "", mutable=True)
    for key in list(data):
        if key not in SearchFilterSet.base_filters:
            del data[key]
    filterset = SearchFilterSet(data, queryset=Organization.objects.none())
    if not filterset.is_valid():
        errors = filterset.form.errors.as_data()
        raise ValidationError({"query": [_parameter_error(k, v) for k, v in errors.items()]})
    clean = QueryDict(mutable=True)
    for key in sorted(data):
        values = sorted(v.strip() for v in data.getlist(key) if v.strip())
        if values:
            clean.setlist(key, values)
    encoded = clean.urlencode()
    if len(encoded) > SavedSearch._meta.get_field("query").max_length:
        raise _refused("query", _("This search is too long to save."), "max_length")
    return encoded


def _parameter_error(name: str, errors: list[ValidationError]) -> ValidationError:
    """A search parameter's errors as one message naming it, with its first error's code."""
    text = " ".join(message for error in errors for message in error.messages)
    return ValidationError(f"{name}: {text}", code=errors[0].code)


def _refused(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def saved_search_delete(*, saved_search: SavedSearch, actor) -> None:
    """Delete one of the actor's own saved searches; anyone else's does not exist for them."""
    if saved_search.user_id != actor.pk:
        raise NotFound(_("Saved search not found."))
    saved_search.delete()


def saved_searches_notify(*, now=None) -> int:
    """For each saved search, one notification if organizations created since its last check
    match it; then move the check to `now`. Returns how many notifications were sent.

    Each search is checked and moved in its own transaction, under a row lock, so a run that
    stops half-way, or two runs at once, never announce the same organizations twice.
    """
    from . import notifications  # noqa: F401 - registers the kind
    from .selectors import organization_search_queryset

    now = now or timezone.now()
    sent = 0
    for pk in SavedSearch.objects.filter(checked_at__lt=now).values_list("pk", flat=True):
        with transaction.atomic():
            saved = SavedSearch.objects.select_for_update().select_related("user").get(pk=pk)
            if saved.checked_at >= now:
                continue
            queryset = organization_search_queryset(data=QueryDict(saved.query))
            sent += _announce(saved, queryset, now) if queryset is not None else 0
            saved.checked_at = now
            saved.save(update_fields=["checked_at"])
    return sent


def _announce(saved: SavedSearch, queryset, now) -> int:
    from innocluster.platform.notifications.services import notification_send

    from .notifications import SAVED_SEARCH_MATCHES

    new = queryset.filter(created_at__gt=saved.checked_at, created_at__lte=now)
    names = list(new.values_list("short_name", flat=True)[:1])
    if not names:
        return 0
    notification_send(
        recipients=[saved.user],
        kind=SAVED_SEARCH_MATCHES.code,
        context={"search": saved.name, "count": new.count(), "first": names[0]},
        url=reverse("directory:search") + (f"?{saved.query}" if saved.query else ""),
    )
    return 1
