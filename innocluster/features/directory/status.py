"""The participant/partner facet, from the status app's selectors (the one status service):
the directory never reads its models, relation names or state strings."""

from django.utils.translation import gettext_lazy as _

from innocluster.platform.status.selectors import (
    PARTICIPANT,
    PARTNER,
    status_sql,
    with_active_status,
)

CHOICES = [(PARTICIPANT, _("participant")), (PARTNER, _("partner"))]
# The search's own SQL (engine.py) joins the status table as `s`.
_SQL = status_sql("s")
ACTIVE = _SQL.active_params[0]


def table() -> str:
    """The status table, for the search's own SQL (engine.py)."""
    return _SQL.table


def filter_kinds(queryset, kinds):
    return with_active_status(queryset, kinds=kinds)
