import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from innocluster.features.clusters.models import Project
from innocluster.features.clusters.views_projects import project_section_context

from ..factories import OrganizationFactory, member_of
from ..reviews.plug import api_client, page_client
from .projects_helpers import a_cluster, a_project, member_orgs

pytestmark = pytest.mark.django_db

BODY = {
    "name": "Кардиомонитор",
    "goal": "Цель",
    "expected_result": "Образец",
    "budget": "1000000.50",
    "starts_on": "2026-02-01",
    "ends_on": "2027-02-01",
    "target_trl": 6,
}


def test_an_administrator_creates_a_project_and_adds_milestones_and_needs_through_the_api():
    cluster, admin = a_cluster(counting=3)
    a, b, _c = member_orgs(cluster)
    url = f"/api/v1/clusters/{cluster.pk}/projects/"
    created = api_client(admin).post(
        url,
        {
            **BODY,
            "participants": [{"organization": a.pk, "role": "ведущий"}, {"organization": b.pk}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    project = created.json()
    assert project["budget"] == "1000000.50"
    assert [p["organization"] for p in project["participants"]] == [a.pk, b.pk]
    base = f"{url}{project['id']}/"
    milestone = api_client(admin).post(
        f"{base}milestones/", {"title": "Этап", "due_on": "2026-06-01"}, format="json"
    )
    assert milestone.status_code == 201
    outside = api_client(admin).post(
        f"{base}milestones/", {"title": "Поздно", "due_on": "2028-01-01"}, format="json"
    )
    assert outside.status_code == 400
    assert outside.json()["error_codes"]["due_on"] == ["outside_project_dates"]
    need = api_client(admin).post(
        f"{base}needs/", {"category": "medical", "description": "Электроды"}, format="json"
    )
    assert need.status_code == 201
    recorded = api_client(member_of(b, "editor")).post(
        f"{base}milestones/{milestone.json()['id']}/record/",
        {"state": "done", "result": "Готово"},
        format="json",
    )
    assert recorded.status_code == 200, recorded.content
    listed = api_client().get(url).json()
    assert listed["results"][0]["needs"] == [
        {"id": need.json()["id"], "category": "medical", "description": "Электроды"}
    ]


def test_api_bad_input_and_outsiders():
    cluster, admin = a_cluster(counting=3)
    a, _b, _c = member_orgs(cluster)
    url = f"/api/v1/clusters/{cluster.pk}/projects/"
    one = api_client(admin).post(
        url, {**BODY, "participants": [{"organization": a.pk}]}, format="json"
    )
    assert one.status_code == 400
    assert one.json()["error_codes"]["participants"] == ["too_few_participants"]
    long = api_client(admin).post(
        url, {**BODY, "name": "x" * 201, "participants": []}, format="json"
    )
    assert long.status_code == 400 and "name" in long.json()["errors"]
    outsider = member_of(OrganizationFactory(), "owner")
    pairs = [{"organization": o.pk} for o in member_orgs(cluster)[:2]]
    refused = api_client(outsider).post(url, {**BODY, "participants": pairs}, format="json")
    assert refused.status_code == 404
    assert not Project.objects.exists()
    # a private cluster's projects are 404 to outsiders
    cluster.is_public = False
    cluster.save(update_fields=["is_public"])
    a_project(cluster, admin)
    assert api_client(outsider).get(url).status_code == 404
    assert api_client(admin).get(url).status_code == 200


def test_project_pages_for_admin_member_and_outsider():
    cluster, admin = a_cluster(counting=3)
    project = a_project(cluster, admin)
    path = f"/en/clusters/{cluster.pk}/projects/{project.pk}/"
    assert "Edit the project" in page_client(admin).get(path).content.decode()
    assert "Edit the project" not in page_client().get(path).content.decode()
    assert (
        page_client(member_of(member_orgs(cluster)[2], "owner")).get(f"{path}edit/").status_code
        == 404
    )
    response = page_client(admin).post(
        f"/en/clusters/{cluster.pk}/projects/new/",
        {**BODY, "participants": [member_orgs(cluster)[0].pk]},
    )
    assert response.status_code == 400
    assert "at least two member organizations" in response.content.decode()
    bad = page_client(admin).post(f"{path}milestones/", {"title": "Поздно", "due_on": "2030-01-01"})
    assert bad.status_code == 400 and "within the project" in bad.content.decode()
    # the cluster page's section
    request = RequestFactory().get("/")
    request.user = admin
    html = render_to_string(
        "clusters/projects/section.html", project_section_context(user=admin, cluster=cluster)
    )
    assert project.name in html and "New joint project" in html


def test_the_remove_buttons_of_the_project_page():
    from innocluster.features.clusters.services import projects as services

    cluster, admin = a_cluster(counting=3)
    a, b, c = member_orgs(cluster)
    project = a_project(cluster, admin, participants=[a.pk, b.pk])
    need = services.need_add(project=project, actor=admin, category="service", description="Тесты")
    path = f"/en/clusters/{cluster.pk}/projects/{project.pk}/"
    # a member that is not an administrator: 404, nothing removed
    other = member_of(c, "owner")
    assert page_client(other).post(f"{path}needs/{need.pk}/remove/").status_code == 404
    assert project.needs.count() == 1
    assert page_client(admin).post(f"{path}needs/{need.pk}/remove/").status_code == 302
    assert project.needs.count() == 0
    # the second-to-last participant stays, and the page says why
    client = page_client(admin)
    refused = client.post(f"{path}participants/{b.pk}/remove/", follow=True)
    assert "at least two member organizations" in refused.content.decode()
    assert project.participants.count() == 2
