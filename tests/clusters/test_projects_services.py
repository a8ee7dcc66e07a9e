import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import NotFound
from innocluster.features.clusters.models import Milestone, Project
from innocluster.features.clusters.services import projects

from ..factories import OrganizationFactory, member_of
from .projects_helpers import PROJECT, a_cluster, a_project, member_orgs

pytestmark = pytest.mark.django_db


def codes(error: ValidationError, field: str) -> list[str]:
    return [e.code for e in error.error_dict[field]]


def test_an_administrator_creates_a_project_with_two_members():
    cluster, admin = a_cluster(counting=3)
    a, b, _c = member_orgs(cluster)
    project = projects.project_create(
        cluster=cluster, actor=admin, participants=[(a.pk, "ведущий"), (b.pk, "")], **PROJECT
    )
    assert list(project.participants.values_list("organization_id", "role")) == [
        (a.pk, "ведущий"),
        (b.pk, ""),
    ]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"participants": "one"}, "participants", "too_few_participants"),
        ({"participants": "outsider"}, "participants", "not_a_cluster_member"),
        ({"ends_on": dt.date(2025, 1, 1)}, "ends_on", "ends_before_start"),
        ({"target_trl": 10}, "target_trl", "max_value"),
        ({"target_trl": 0}, "target_trl", "min_value"),
        ({"name": "x" * 201}, "name", "max_length"),
        ({"goal": "x" * 4001}, "goal", "max_length"),
        ({"budget": -1}, "budget", "min_value"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(change, field, code):
    cluster, admin = a_cluster(counting=3)
    a, b, _c = member_orgs(cluster)
    participants = [a.pk, b.pk]
    if change.get("participants") == "one":
        participants = [a.pk, a.pk]  # the same organization twice is one participant
    elif change.get("participants") == "outsider":
        participants = [a.pk, OrganizationFactory().pk]
    fields = {k: v for k, v in change.items() if k != "participants"}
    with pytest.raises(ValidationError) as refused:
        projects.project_create(
            cluster=cluster, actor=admin, participants=participants, **{**PROJECT, **fields}
        )
    assert code in codes(refused.value, field)
    assert not Project.objects.exists()


def test_only_administrators_write_and_the_others_get_404():
    cluster, admin = a_cluster(counting=3)
    plain_member = member_of(member_orgs(cluster)[1], "owner")
    outsider = member_of(OrganizationFactory(), "owner")
    for person in (plain_member, outsider):
        with pytest.raises(NotFound):
            a_project(cluster, person)
    project = a_project(cluster, admin)
    with pytest.raises(NotFound):
        projects.project_update(project=project, actor=plain_member, name="Другое")


def test_milestones_stay_within_the_projects_dates():
    cluster, admin = a_cluster(counting=3)
    project = a_project(cluster, admin)
    with pytest.raises(ValidationError) as refused:
        projects.milestone_add(
            project=project, actor=admin, title="Рано", due_on=dt.date(2025, 6, 1)
        )
    assert codes(refused.value, "due_on") == ["outside_project_dates"]
    projects.milestone_add(
        project=project, actor=admin, title="Образец", due_on=dt.date(2027, 6, 1)
    )
    # and the project's dates cannot move to leave it outside
    with pytest.raises(ValidationError) as refused:
        projects.project_update(project=project, actor=admin, ends_on=dt.date(2027, 1, 1))
    assert codes(refused.value, "ends_on") == ["outside_project_dates"]
    project.refresh_from_db()
    assert project.ends_on == PROJECT["ends_on"]


def test_participants_acting_people_record_a_milestone_and_others_cannot():
    cluster, admin = a_cluster(counting=3)
    a, b, c = member_orgs(cluster)
    project = a_project(cluster, admin, participants=[a.pk, b.pk])
    milestone = projects.milestone_add(
        project=project, actor=admin, title="Образец", due_on=dt.date(2027, 6, 1)
    )
    editor_of_b = member_of(b, "editor")
    viewer_of_b = member_of(b, "viewer")
    owner_of_c = member_of(c, "owner")  # a member of the cluster, not of the project
    for person in (viewer_of_b, owner_of_c):
        with pytest.raises(NotFound):
            projects.milestone_record(milestone=milestone, actor=person, state="done", result="X")
    with pytest.raises(ValidationError) as refused:
        projects.milestone_record(milestone=milestone, actor=editor_of_b, state="done", result="")
    assert codes(refused.value, "result") == ["required"]
    projects.milestone_record(
        milestone=milestone, actor=editor_of_b, state="done", result="Образец собран"
    )
    milestone = Milestone.objects.get(pk=milestone.pk)
    assert (milestone.state, milestone.result, milestone.recorded_by) == (
        "done",
        "Образец собран",
        editor_of_b,
    )


def test_a_project_never_drops_below_two_participants():
    cluster, admin = a_cluster(counting=3)
    a, b, c = member_orgs(cluster)
    project = a_project(cluster, admin, participants=[a.pk, b.pk])
    with pytest.raises(ValidationError) as refused:
        projects.participant_remove(project=project, actor=admin, organization_id=b.pk)
    assert codes(refused.value, "organization") == ["too_few_participants"]
    projects.participant_set(project=project, actor=admin, organization_id=c.pk, role="поставщик")
    projects.participant_remove(project=project, actor=admin, organization_id=b.pk)
    assert set(project.participants.values_list("organization_id", flat=True)) == {a.pk, c.pk}
    with pytest.raises(ValidationError) as refused:
        projects.participant_set(
            project=project, actor=admin, organization_id=OrganizationFactory().pk
        )
    assert codes(refused.value, "organization") == ["not_a_cluster_member"]


def test_needs_take_a_product_category():
    cluster, admin = a_cluster(counting=3)
    project = a_project(cluster, admin)
    with pytest.raises(ValidationError) as refused:
        projects.need_add(project=project, actor=admin, category="rocket", description="Ракета")
    assert codes(refused.value, "category") == ["invalid_choice"]
    need = projects.need_add(
        project=project, actor=admin, category="hardware", description="Датчики ЭКГ"
    )
    assert list(project.needs.all()) == [need]
