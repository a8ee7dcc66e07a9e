"""What the application checks, what it keeps at submission, and what the reviewer sees."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from innocluster.features.clusters.models import ClusterMember
from innocluster.features.clusters.services.application import cluster_application_create
from innocluster.platform.reviews import services as kit
from innocluster.platform.status.models import Status

from ..pdfs import pdf_file
from ..reviews.plug import page_client
from ..status.helpers import reviewer
from .projects_helpers import a_cluster, a_project, submitted_application

pytestmark = pytest.mark.django_db


def _draft(cluster, owner):
    application = cluster_application_create(cluster=cluster, actor=owner)
    kit.submission_update(
        submission=application, actor=owner, fields={"contact_phone": "+7 495 000-00-00"}
    )
    kit.submission_document_add(submission=application, actor=owner, upload=pdf_file())
    return application


def test_29_counting_members_and_no_project_lists_exactly_what_is_missing():
    # Given 29 participants, 3 partners and 2 members without status, and no joint project
    cluster, owner = a_cluster(counting=29, partners=3, plain=2)
    application = _draft(cluster, owner)

    # When the lead submits
    with pytest.raises(ValidationError) as refused:
        kit.case_submit(case=application.case, actor=owner)

    # Then both missing items are named, and nothing else
    errors = refused.value.error_dict
    assert list(errors) == ["cluster"]
    assert [e.code for e in errors["cluster"]] == ["too_few_counting_members", "no_joint_project"]
    assert "29 of 30 counting members" in errors["cluster"][0].messages[0]
    application.case.refresh_from_db()
    assert application.case.status == "draft"


def test_with_30_participants_and_a_project_it_is_complete():
    cluster, owner = a_cluster(counting=30, partners=2)
    a_project(cluster, owner)
    application = _draft(cluster, owner)
    case = kit.case_submit(case=application.case, actor=owner)
    assert case.status == "submitted"
    snapshots = application.member_snapshots.all()
    assert len(snapshots) == 32
    assert sum(s.counted for s in snapshots) == 30
    assert all(s.status_register_number for s in snapshots)


def test_the_30th_member_leaving_during_review_is_visible_to_the_reviewer():
    # Given a submitted application with exactly 30 counting members
    cluster, owner = a_cluster(counting=30)
    a_project(cluster, owner)
    application = submitted_application(cluster, owner)
    members = list(
        cluster.members.exclude(organization=cluster.lead_organization).select_related(
            "organization"
        )
    )
    leaving, losing = members[0].organization, members[1].organization

    # When one member leaves and another loses its participant status while it is in review
    ClusterMember.objects.filter(cluster=cluster, organization=leaving).delete()
    Status.objects.filter(organization=losing).update(state="suspended")

    # Then the reviewer's page shows both, and the count at submission beside today's
    fund = reviewer()
    page = page_client(fund).get(reverse("reviews:case", kwargs={"pk": application.case_id}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Counting members: 30 at submission, 28 today" in text
    assert text.count("left the cluster") == 1
    assert text.count("lost participant status") == 1
    assert html.escape(leaving.short_name) in text


def test_the_status_panel_offers_counting_members_to_apply_and_shows_the_count():
    from django.template.loader import render_to_string

    from innocluster.features.clusters.views_projects import status_panel_context

    from ..factories import member_of

    cluster, owner = a_cluster(counting=3, partners=1)
    others = cluster.members.exclude(organization=cluster.lead_organization)
    participant = others.filter(organization__cluster_status__kind="participant").first()
    partner = others.filter(organization__cluster_status__kind="partner").first()

    def panel(user):
        context = status_panel_context(user=user, cluster=cluster)
        return render_to_string("clusters/application/status_panel.html", context)

    lead_view = panel(owner)
    assert "3 of 30 counting members" in lead_view and "4 members in all" in lead_view
    assert f"/clusters/{cluster.pk}/apply/" in lead_view
    assert f"/clusters/{cluster.pk}/apply/" in panel(member_of(participant.organization, "editor"))
    partner_view = panel(member_of(partner.organization))
    assert "/apply" not in partner_view
    assert "owners and editors of members with active participant status apply" in partner_view
