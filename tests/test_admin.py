"""Every admin page opens for a fund administrator, and read-only records stay read-only."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from innocluster.core.audit import audit_record
from tests.factories import MembershipFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    client.force_login(UserFactory(staff_role="admin", is_staff=True, is_superuser=True))
    return client


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_changelist_and_change_page_opens(admin_client_, model):
    membership = MembershipFactory()
    ProductFactory(organization=membership.organization)
    audit_record(actor=membership.user, action="test", target=membership.organization)
    assert admin_client_.get(_url(model, "changelist")).status_code == 200
    first = model._default_manager.first()
    if first is not None:
        assert admin_client_.get(_url(model, "change", first.pk)).status_code == 200


def test_the_audit_trail_cannot_be_edited_in_the_admin(admin_client_):
    from innocluster.core.models import AuditEvent

    event = audit_record(actor=None, action="test", target=UserFactory())
    response = admin_client_.post(_url(AuditEvent, "delete", event.pk), {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_reviewer_has_no_admin_site(client):
    client.force_login(UserFactory(staff_role="reviewer"))
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_site_speaks_as_the_platform_in_russian(admin_client_):
    page = admin_client_.get("/admin/").content.decode()
    assert "Администрирование Django" not in page and "innocluster" in page


def test_the_admin_index_names_every_app_and_model_in_russian(admin_client_):
    """Ours and the third-party apps' (django-tasks-db, axes) alike: no English name."""
    page = admin_client_.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    link = r'<a href="/admin/[a-z_]+/(?:[a-z]+/)?"(?: class="section"[^>]*)?>([^<]+)</a>'
    shown = re.findall(link, page)
    assert len(shown) > 30  # every app and model, so the pattern still matches the page
    english = [name for name in shown if re.search(r"[A-Za-z]{2,}", name.replace("API", ""))]
    assert english == []


def test_clusters_and_challenges_are_read_only_in_the_admin(admin_client_):
    """A cluster's status, its members and a challenge's entries change only through their
    services (the register's rules, the audit trail): the admin shows them and edits none."""
    from innocluster.features.clusters.models import Cluster, ClusterMember, Project
    from tests.challenges.helpers import a_challenge, an_entry
    from tests.clusters.projects_helpers import a_cluster, a_project

    cluster, owner = a_cluster(counting=2)
    project = a_project(cluster, owner)
    entry = an_entry(a_challenge())
    for row in (cluster, cluster.members.first(), project, entry.challenge, entry):
        model = type(row)
        page = admin_client_.get(_url(model, "change", row.pk))
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        assert admin_client_.post(_url(model, "change", row.pk), {}).status_code == 403
        assert admin_client_.post(_url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
    assert admin_client_.get(_url(Cluster, "add")).status_code == 403
    cluster.refresh_from_db()
    assert cluster.status == "none" and ClusterMember.objects.filter(cluster=cluster).count() == 2
    assert Project.objects.filter(pk=project.pk).exists()
