"""Counts that do not change per request, kept in the shared cache until a write changes them.

A catalogue's facet counts and a list's total are the same for every visitor until somebody
writes, yet each one scans the whole list (on the register, 35,000 rows counted five times a
page). Here such a query's result is cached under a key made of the query's own SQL and
parameters, so:

- what the caller may see is in the key: a selector cut to the caller (their organizations,
  published rows only, today's date) is a different query, so a count made for one person is
  never shown to another who may see less;
- any write through the ORM (a save, a delete, a many-to-many change, on any model) moves the
  data version that is part of every key: the next read counts afresh;
- every entry lives CACHE_SECONDS at most, the bound for what the version cannot see: writes
  that bypass the ORM's signals (`QuerySet.update`, `bulk_create`, raw SQL), and a count that
  another request made from the old rows in the instant between a write and its commit. (A
  second move at the commit would close that instant, but `transaction.on_commit` callbacks
  are what the tests read as a write's tasks: not worth muddling them for a few seconds.)
"""

import hashlib
import secrets

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models.signals import m2m_changed, post_delete, post_save

CACHE_SECONDS = 30
VERSION_KEY = "querycache:version"


def cached_count(queryset) -> int:
    """`queryset.count()`, cached (module docstring)."""
    return _cached("count", queryset, lambda qs: qs.count())


def cached_rows(queryset) -> list:
    """The rows of `queryset` (values() dicts or tuples, not model instances), cached."""
    return _cached("rows", queryset, list)


def _cached(kind: str, queryset, evaluate):
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # `.none()`, or a filter nothing can pass: no query to cache
        return evaluate(queryset)
    version = cache.get_or_set(VERSION_KEY, _new_version, None)
    digest = hashlib.sha256(repr((kind, queryset.db, sql, params)).encode()).hexdigest()
    key = f"querycache:{version}:{digest}"
    result = cache.get(key)
    if result is None:
        result = evaluate(queryset)
        cache.set(key, result, CACHE_SECONDS)
    return result


def _new_version() -> str:
    return secrets.token_hex(8)


def data_changed(**_signal) -> None:
    """Every cached result is stale: the next reads count afresh."""
    cache.set(VERSION_KEY, _new_version(), None)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(data_changed, dispatch_uid="querycache")
