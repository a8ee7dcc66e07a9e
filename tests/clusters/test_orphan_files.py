"""Clusters' part of the daily sweep: logos no cluster names go a day after they were written;
a named one and a young one stay."""

from innocluster.features.clusters.models import Cluster
from tests.orphans import aged, exists, stray, swept


def test_the_daily_job_deletes_logos_no_cluster_names(cluster):
    # Given a cluster's logo, and a file beside it no cluster names
    logo = stray("cluster-logos/named.png")
    Cluster.objects.filter(pk=cluster.pk).update(logo=logo)
    lost, young = stray("cluster-logos/lost.png"), stray("cluster-logos/in-flight.png")
    aged(logo, lost)
    # When the scheduler runs the daily sweep
    assert swept("clusters") == 1
    # Then the file no cluster names is gone, the named and the young ones stay
    assert not exists(lost) and exists(logo) and exists(young)
