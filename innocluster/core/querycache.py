"""Counts that do not change per request, kept in the shared cache until a write changes them.

A catalogue's facet counts and a list's total are the same for every visitor until somebody
writes, yet each one scans the whole list (on the register, 35,000 rows counted five times a
page). Here such a query's result is cached under a key made of the query's own SQL and
parameters, so:

- what the caller may see is in the key: a selector cut to the caller (their organizations,
  published rows only, today's date) is a different query, so a count made for one person is
  never shown to another who may see less;
- a write through the ORM (a save, a delete, a many-to-many change) moves the version of the
  tables it writes (a model's own and its parents', a many-to-many's table), and each key holds
  the versions of the tables its SQL reads (every `FROM` and `JOIN`, subqueries' too): the next
  read of a query over those tables counts afresh, while counts over other tables stay cached
  (with one version for all the data, a notification written anywhere emptied every
  catalogue's counts, and at 100,000 vacancies counting afresh costs 0.3–0.7 s);
- every entry lives CACHE_SECONDS at most, the bound for what the version cannot see: writes
  that bypass the ORM's signals (`QuerySet.update`, `bulk_create`, raw SQL, what a database
  trigger writes into another table: a search index), and a count that
  another request made from the old rows in the instant between a write and its commit. (A
  second move at the commit would close that instant, but `transaction.on_commit` callbacks
  are what the tests read as a write's tasks: not worth muddling them for a few seconds.)

Within one request each table's version is read from the cache once (a page's facets make a
dozen cached reads over the same tables: issue 18's profiles showed each paying its own round
trip for the version); a write in the same request moves it at once, one in another process
shows from the next request (and within CACHE_SECONDS in any case). Outside a request (tasks,
commands) they are read every time. The data version of all the data (`data_version`, the HTTP
validators' in core/httpcache.py) moves with every write as before.
`cached_counts` reads many counts in one round trip (a method facet's values).
`cached_objects` caches model instances with their prefetches (keyed by the prefetches' tables
too).
`cached_value` caches what is not a queryset's, under a key of plain values (the search's
results and its other services' sections, keyed by the plan or the query).
"""

import contextlib
import hashlib
import re
import secrets
import threading

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.models.constants import LOOKUP_SEP
from django.db.models.signals import m2m_changed, post_delete, post_save

CACHE_SECONDS = 30
VERSION_KEY = "querycache:version"
TABLE_KEY = "querycache:table:{}"
# The tables a statement reads: Django quotes every table name, in subqueries too.
_READ_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+"([^"]+)"')

# This thread's request: `armed` while one runs, `version` once read (module docstring).
_request = threading.local()


def cached_count(queryset) -> int:
    """`queryset.count()`, cached (module docstring)."""
    return _cached("count", queryset, lambda qs: qs.count())


def prime_count(queryset, count: int) -> None:
    """Keep `count` as `queryset`'s cached count (`cached_count`): a total counted on the way
    by another statement over the same rows (core/facets.py counts it with the facets)."""
    key = _key("count", queryset)
    if key is not None:
        cache.set(key, count, CACHE_SECONDS)


def cached_rows(queryset) -> list:
    """The rows of `queryset` (values() dicts or tuples, not model instances), cached."""
    return _cached("rows", queryset, list)


def cached_objects(queryset) -> list:
    """The model instances of `queryset` with their prefetched relations, cached: for a list
    the same for everyone that a page reads whole (the support measures "measures for me"
    checks). The key holds the versions of the tables the prefetches read as well; a queryset
    prefetching through what is not a relation (a property) is read afresh, never cached."""
    tables = _prefetched_tables(queryset)
    if tables is None:
        return list(queryset)
    return _cached("objects", queryset, list, tables)


def _prefetched_tables(queryset) -> list[str] | None:
    """The tables `queryset`'s prefetches read: each relation's along its path, and those of a
    `Prefetch`'s own queryset; None when a path is not made of relations alone."""
    tables = []
    for lookup in queryset._prefetch_related_lookups:
        path = getattr(lookup, "prefetch_through", lookup)
        models = models_along(queryset.model, path, relations_only=True)
        if models is None:
            return None
        tables += [table for model in models for table in _tables_written(model)]
        inner = getattr(lookup, "queryset", None)
        if inner is not None:
            with contextlib.suppress(EmptyResultSet):  # `.none()`: it reads nothing
                tables += _READ_TABLES.findall(inner.query.sql_with_params()[0])
    return tables


def models_along(model, path: str, *, relations_only: bool = False) -> list | None:
    """The models whose tables a lookup along `path` (a facet's `cost_rules__category`, a
    prefetch's `documents__requirement`) joins from `model`'s: each relation's other end, and a
    many-to-many's table of pairs before it. It ends at the first field that is not a relation
    (with `relations_only`, a prefetch's path, that is None); None where a name is no field (a
    property) or a relation may lead to any table (a generic foreign key): what is read is then
    not known."""
    joined = []
    for name in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if not field.is_relation:
            return None if relations_only else joined
        if field.related_model is None:
            return None
        if field.many_to_many:
            joined.append(getattr(field, "through", None) or field.remote_field.through)
        model = field.related_model
        joined.append(model)
    return joined


def cached_result(kind: str, queryset, compute, *, also_reads=()):
    """`compute()`, cached under `queryset`'s SQL and `kind`: for a result that is a function
    of the rows `queryset` reads and of nothing else but `kind` (a page's facet counts, keyed by
    the query of its rows: core/facets.py) and the tables of `also_reads` (models whose rows
    `compute` reads besides: a catalogue page's prefetches, core/listing.py); a write to any of
    those tables makes it count afresh. Not None: None is not cached."""
    tables = [table for model in also_reads for table in _tables_written(model)]
    return _cached(kind, queryset, lambda _qs: compute(), tables)


def cached_value(kind: str, key, compute):
    """`compute()`, cached under `kind` and `key`: for a result that is a function of the data
    and of `key` alone (a plain value whose repr says all the rest it depends on: the directory
    search's plan, directory/selectors.py), not of a queryset. Not None: None is not cached."""
    digest = hashlib.sha256(repr((kind, key)).encode()).hexdigest()
    full_key = f"querycache:{_version()}:{digest}"
    result = cache.get(full_key)
    if result is None:
        result = compute()
        cache.set(full_key, result, CACHE_SECONDS)
    return result


def cached_counts(querysets: dict) -> dict:
    """{name: queryset.count()} for {name: queryset}, cached, in one read of the cache."""
    keys, counts = {}, {}
    for name, queryset in querysets.items():
        key = _key("count", queryset)
        if key is None:
            counts[name] = queryset.count()
        else:
            keys[name] = key
    found = cache.get_many(keys.values()) if keys else {}
    missing = {}
    for name, key in keys.items():
        if key in found:
            counts[name] = found[key]
        else:
            counts[name] = missing[key] = querysets[name].count()
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
    return counts


def _cached(kind: str, queryset, evaluate, also_tables=()):
    key = _key(kind, queryset, also_tables)
    if key is None:  # `.none()`, or a filter nothing can pass: no query to cache
        return evaluate(queryset)
    result = cache.get(key)
    if result is None:
        result = evaluate(queryset)
        cache.set(key, result, CACHE_SECONDS)
    return result


def cached_statement(sql: str, params, using: str) -> list[tuple]:
    """The rows (tuples, as the database hands them back) of a statement compiled already,
    cached as `cached_rows` caches a queryset's, under the same kind of key. For a caller that
    has the statement's SQL in hand: `cached_rows` compiles a queryset once for its key and
    once more to run it, and a compilation costs about what a facet's count on an index costs
    to run (core/facets.py)."""
    key = _statement_key("statement", using, sql, params)
    rows = cache.get(key)
    if rows is None:
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        cache.set(key, rows, CACHE_SECONDS)
    return rows


def _key(kind: str, queryset, also_tables=()) -> str | None:
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return _statement_key(kind, queryset.db, sql, params, also_tables)


def _statement_key(kind: str, using: str, sql: str, params, also_tables=()) -> str:
    tables = sorted({*_READ_TABLES.findall(sql), *also_tables})
    versions = _table_versions(tables)
    key = (kind, using, sql, tuple(params), versions)
    return f"querycache:{hashlib.sha256(repr(key).encode()).hexdigest()}"


def _table_versions(tables: list[str]) -> tuple[str, ...]:
    """The version of each table, read once per request (in one round trip for those not read
    yet); a table that has none yet gets one."""
    known = _request.tables if getattr(_request, "armed", False) else {}
    keys = {TABLE_KEY.format(table): table for table in tables if table not in known}
    if keys:
        found = cache.get_many(keys)
        new = [key for key in keys if key not in found]
        if new:
            # `add`, never `set`: a version that a write set meanwhile must not be overwritten
            # by this first one (a count made before that write's commit would then pass for
            # current); whichever was added is read back.
            for key in new:
                cache.add(key, _new_version(), None)
            found.update(cache.get_many(new))
        known.update({table: found[key] for key, table in keys.items()})
    return tuple(known[table] for table in tables)


def data_version() -> str:
    """The data version: it moves with every ORM write (module docstring); HTTP validators of
    public pages are made from it (core/httpcache.py)."""
    return _version()


def _version() -> str:
    if getattr(_request, "armed", False):
        version = getattr(_request, "version", None)
        if version is None:
            version = _request.version = cache.get_or_set(VERSION_KEY, _new_version, None)
        return version
    return cache.get_or_set(VERSION_KEY, _new_version, None)


def _new_version() -> str:
    return secrets.token_hex(8)


def data_changed(sender, **_signal) -> None:
    """A signal's receiver: what was cached from the tables `sender` (a model; a many-to-many's
    through model) writes is stale, and the data version moves: the next reads count afresh."""
    version, tables = _new_version(), _tables_written(sender)
    moved = {TABLE_KEY.format(table): _new_version() for table in tables}
    cache.set_many({VERSION_KEY: version, **moved}, None)
    if getattr(_request, "armed", False):
        _request.version = version
        _request.tables.update({table: moved[TABLE_KEY.format(table)] for table in tables})


def _tables_written(model) -> list[str]:
    """A model's table and those of the models it inherits from (a save writes each)."""
    concrete = model._meta.concrete_model or model
    return [concrete._meta.db_table, *(p._meta.db_table for p in concrete._meta.get_parent_list())]


def request_began(**_signal) -> None:
    _request.armed, _request.version, _request.tables = True, None, {}


def request_ended(**_signal) -> None:
    _request.armed, _request.version, _request.tables = False, None, {}


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(data_changed, dispatch_uid="querycache")
    request_started.connect(request_began, dispatch_uid="querycache")
    request_finished.connect(request_ended, dispatch_uid="querycache")
