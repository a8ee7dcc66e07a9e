"""The participant/partner facet, read from the participation app's `Status` (its
`organization.cluster_status`): only active statuses count. The app reads the relation by name,
so the directory needs nothing from participation's code."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from innocluster.organizations.models import Organization

PARTICIPANT, PARTNER = "participant", "partner"
CHOICES = [(PARTICIPANT, _("participant")), (PARTNER, _("partner"))]
ACTIVE = "active"


def available() -> bool:
    """Whether the participation app's status model is installed (it adds the relation)."""
    return any(f.name == "cluster_status" for f in Organization._meta.related_objects)


def filter_kinds(queryset, kinds):
    if not available():
        return queryset.none()
    return queryset.filter(cluster_status__kind__in=kinds, cluster_status__state=ACTIVE)


def counts(queryset) -> dict[str, int]:
    """Active statuses by kind among the organizations of `queryset`. Counted from the status
    side with `IN (subquery)`: SQLite then runs the full-text match once, not per status."""
    if not available():
        return {}
    model = Organization._meta.get_field("cluster_status").related_model
    rows = (
        model.objects.filter(state=ACTIVE, organization__in=queryset.order_by().values("pk"))
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)
