"""Decree 435-PP's minimum: a cluster holding the status keeps 30 counting members (active
participants). When it falls below, the cluster notes since when and its administrators and
the fund's staff are told, once; the fund decides (suspend or keep: the status application,
services/application.py). Back at 30 or more, the note is cleared."""

from django.db import transaction

from .. import notifications as notes
from .. import selectors
from ..choices import MIN_COUNTING_MEMBERS, ClusterStatus
from ..models import Cluster
from ._common import admin_organization_ids, now, record


@transaction.atomic
def note_membership_change(cluster) -> Cluster:
    """Call after the membership (or a member's status) changed. Idempotent: the people are
    told when the cluster first falls below the minimum, not at every later departure."""
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    count = selectors.counting_member_count(cluster)
    enough = count >= MIN_COUNTING_MEMBERS
    if not enough and cluster.status == ClusterStatus.ACTIVE and not cluster.below_minimum_since:
        cluster.below_minimum_since = now()
        cluster.save(update_fields=["below_minimum_since", "updated_at"])
        record(actor=None, action="cluster.below_minimum", cluster=cluster, count=count)
        context = {"count": count, "minimum": MIN_COUNTING_MEMBERS}
        notes.notify(
            cluster,
            notes.BELOW_MINIMUM,
            organization_ids=admin_organization_ids(cluster),
            actor=None,
            **context,
        )
        notes.notify_fund_staff(cluster, notes.BELOW_MINIMUM, **context)
    elif enough and cluster.below_minimum_since:
        cluster.below_minimum_since = None
        cluster.save(update_fields=["below_minimum_since", "updated_at"])
        record(actor=None, action="cluster.minimum_restored", cluster=cluster, count=count)
    return cluster
