import pytest
from django.db.models import Count, F

from innocluster.features.clusters.demo_projects import demo_projects
from innocluster.features.clusters.models import Cluster, Milestone, Project
from innocluster.platform.ledger.models import Entry

from .projects_helpers import a_cluster

pytestmark = pytest.mark.django_db


def test_demo_projects_are_114_with_participants_milestones_needs_and_a_register_entry():
    big, owner = a_cluster(counting=30, name="Большой кластер")
    small, _owner = a_cluster(counting=3, name="Малый кластер")
    projects = demo_projects(clusters=[big, small], actor=owner)
    assert len(projects) == Project.objects.count() == 114
    counts = Project.objects.annotate(n=Count("participants")).values_list("n", flat=True)
    assert min(counts) >= 2
    assert not Milestone.objects.exclude(
        due_on__range=(F("project__starts_on"), F("project__ends_on"))
    ).exists()
    assert Project.objects.filter(needs__isnull=True).count() == 0
    # only the cluster with 30 counting members is put on the register, with its ledger entry
    registered = Cluster.objects.exclude(register_number=None)
    assert [c.name for c in registered] == ["Большой кластер"]
    assert Entry.objects.filter(kind="cluster_register.granted", subject=f"cluster:{big.pk}")


def test_public_projects_are_found_by_the_directory_search():
    from innocluster.platform.search import sources

    cluster, owner = a_cluster(counting=2)
    from .projects_helpers import a_project

    project = a_project(cluster, owner, name="Кардиомонитор нового поколения")
    hidden, hidden_owner = a_cluster(counting=2, name="Закрытый", is_public=False)
    a_project(hidden, hidden_owner, name="Кардиомонитор секретный")
    (section,) = [
        s for s in sources.sections(query="кардиомонитор") if s.source.code == "cluster_projects"
    ]
    assert section.count == 1
    assert section.items[0]["url"].endswith(f"/clusters/{cluster.pk}/projects/{project.pk}/")
