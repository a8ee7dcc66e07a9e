"""The facets' counts as they were made before issue 18 made them one statement: a grouped
query per facet, each of the rows through every chosen filter but its own. The tests compare
core/facets.py's counts with these."""

from django.db.models import Count

from innocluster.core.facets import _grouped, _rows, is_facet


def per_facet_counts(filterset) -> dict[str, dict[str, int]]:
    counts = {}
    for name in field_facets(filterset):
        path = filterset.filters[name].field_name
        others = _rows(filterset, name)
        rows = (
            others.model._default_manager.filter(pk__in=others.order_by().values("pk"))
            .order_by()
            .values(path)
            .annotate(n=Count("pk", distinct=True))
        )
        counts[name] = {str(row[path]): row["n"] for row in rows if row[path] is not None}
    return counts


def together_counts(filterset) -> dict[str, dict[str, int]]:
    """core/facets.py's counts of the field facets, made now (the cache empty)."""
    return _grouped(filterset, field_facets(filterset))


def field_facets(filterset) -> list[str]:
    assert filterset.is_valid(), filterset.errors
    return [n for n, f in filterset.filters.items() if is_facet(f) and f.method is None]
