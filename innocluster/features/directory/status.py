"""The participant/partner facet, read from the participation app's `Status` (its
`organization.cluster_status`): only active statuses count. The app reads the relation by name,
so the directory needs nothing from participation's code."""

from django.utils.translation import gettext_lazy as _

from innocluster.platform.organizations.models import Organization

PARTICIPANT, PARTNER = "participant", "partner"
CHOICES = [(PARTICIPANT, _("participant")), (PARTNER, _("partner"))]
ACTIVE = "active"


def available() -> bool:
    """Whether the participation app's status model is installed (it adds the relation)."""
    return any(f.name == "cluster_status" for f in Organization._meta.related_objects)


def table() -> str | None:
    """The status table, for the search's own SQL (engine.py); None without the app."""
    if not available():
        return None
    return Organization._meta.get_field("cluster_status").related_model._meta.db_table


def filter_kinds(queryset, kinds):
    if not available():
        return queryset.none()
    return queryset.filter(cluster_status__kind__in=kinds, cluster_status__state=ACTIVE)
