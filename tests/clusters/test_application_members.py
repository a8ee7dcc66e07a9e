"""Any member holding active participant status applies for its cluster's status (decree
435-PP: "any participant applies from its account"): its owners and editors open, fill,
submit and withdraw the one application; partners, members without status and outsiders get
404, from the pages, the API and the services alike."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from innocluster.core.errors import Conflict, PermissionDenied
from innocluster.features.clusters.services.application import cluster_application_create
from innocluster.platform.reviews import selectors as kit_reads
from innocluster.platform.reviews import services as kit
from innocluster.platform.reviews.errors import ReviewErrorCode

from ..factories import OrganizationFactory, member_of, with_status
from ..pdfs import pdf_file
from ..reviews.plug import page_client
from .projects_helpers import a_cluster, a_project

pytestmark = pytest.mark.django_db

API = "/api/v1/cluster-applications/"


def _ready_cluster():
    """A complete cluster (30 counting members, a project) with one partner member and one
    member without status; returns it with the people of each kind of member."""
    cluster, lead_owner = a_cluster(counting=30, partners=1, plain=1)
    a_project(cluster, lead_owner)
    members = cluster.members.exclude(organization=cluster.lead_organization)
    counting = members.filter(organization__cluster_status__kind="participant").first().organization
    partner = members.filter(organization__cluster_status__kind="partner").first().organization
    plain = members.filter(organization__cluster_status__isnull=True).first().organization
    people = {
        "lead": lead_owner,
        "editor": member_of(counting, "editor"),
        "viewer": member_of(counting, "viewer"),
        "partner": member_of(partner, "owner"),
        "plain": member_of(plain, "owner"),
        "outsider": member_of(with_status(OrganizationFactory()), "owner"),
    }
    return cluster, people


def test_a_non_lead_members_editor_applies_end_to_end_on_the_pages():
    cluster, people = _ready_cluster()
    client = page_client(people["editor"])

    # The cluster's page offers to apply; the draft is filled from the editor's account
    page = client.get(reverse("clusters:detail", args=[cluster.pk]))
    assert reverse("clusters:apply", args=[cluster.pk]) in page.content.decode()
    opened = client.post(reverse("clusters:apply", args=[cluster.pk]))
    case = kit_reads.case_list_for_user(user=people["editor"]).get(kind="clusters.status")
    assert opened.url == reverse("clusters:application", args=[case.pk])
    assert case.organization == cluster.lead_organization  # the applicant of record
    assert case.cluster_application.contact_email == people["editor"].email

    # Filled, documented, submitted
    contact = {
        "contact_name": "Ирина Петрова",
        "contact_position": "Директор",
        "contact_phone": "+7 495 000-00-00",
        "contact_email": "irina@example.ru",
    }
    assert client.post(reverse("clusters:application", args=[case.pk]), contact).status_code == 302
    attached = client.post(reverse("clusters:document_add", args=[case.pk]), {"file": pdf_file()})
    assert attached.status_code == 302
    assert client.post(reverse("clusters:submit", args=[case.pk])).status_code == 302
    case.refresh_from_db()
    assert case.status == "submitted"
    assert case.cluster_application.member_snapshots.count() == 32

    # Listed among my applications; the lead's owner and the member's viewer read it too
    assert case.number in client.get(reverse("reviews:mine")).content.decode()
    for reader in ("lead", "viewer"):
        page = page_client(people[reader]).get(reverse("clusters:application", args=[case.pk]))
        assert page.status_code == 200

    # Withdrawn by the lead's owner: any acting member may
    withdrawn = page_client(people["lead"]).post(
        reverse("clusters:withdraw", args=[case.pk]), {"reason": "Дополним состав"}
    )
    assert withdrawn.status_code == 302
    case.refresh_from_db()
    assert case.status == "withdrawn"


def test_a_non_lead_members_editor_applies_end_to_end_through_the_api():
    cluster, people = _ready_cluster()
    api = APIClient()
    api.force_authenticate(people["editor"])

    created = api.post(API, {"cluster": cluster.pk, "contact_phone": "+7 495 000-00-00"})
    assert created.status_code == 201, created.content
    pk = created.data["id"]
    assert created.data["cluster"] == cluster.pk
    assert api.patch(f"{API}{pk}/", {"contact_position": "Директор"}).status_code == 200
    upload = api.post(f"{API}{pk}/documents/", {"file": pdf_file()}, format="multipart")
    assert upload.status_code == 201
    submitted = api.post(f"{API}{pk}/submit/")
    assert submitted.status_code == 200 and submitted.data["status"] == "submitted"
    assert [row["id"] for row in api.get(API).data["results"]] == [pk]
    withdrawn = api.post(f"{API}{pk}/withdraw/", {"reason": "Дополним состав"})
    assert withdrawn.status_code == 200 and withdrawn.data["status"] == "withdrawn"


@pytest.mark.parametrize("who", ["partner", "plain", "outsider"])
def test_a_partner_member_without_status_or_outsider_gets_404(who):
    cluster, people = _ready_cluster()
    stranger = people[who]

    # They may not open a draft: not on the page, not in the API, not in the service
    api = APIClient()
    api.force_authenticate(stranger)
    assert api.post(API, {"cluster": cluster.pk}).status_code == 404
    with pytest.raises(Exception) as refused:
        cluster_application_create(cluster=cluster, actor=stranger)
    assert getattr(refused.value, "status", None) == 404
    page = page_client(stranger).get(reverse("clusters:detail", args=[cluster.pk]))
    assert reverse("clusters:apply", args=[cluster.pk]) not in page.content.decode()

    # Nor see, change, submit or withdraw the one the members opened
    application = cluster_application_create(cluster=cluster, actor=people["editor"])
    pk = application.case_id
    client = page_client(stranger)
    assert client.get(reverse("clusters:application", args=[pk])).status_code == 404
    assert client.post(reverse("clusters:submit", args=[pk])).status_code == 404
    assert client.post(reverse("clusters:withdraw", args=[pk])).status_code == 404
    assert api.get(f"{API}{pk}/").status_code == 404
    assert api.post(f"{API}{pk}/withdraw/", {"reason": "x"}).status_code == 404
    assert api.get(API).data["results"] == []
    for step in (kit.case_submit, kit.case_withdraw):
        with pytest.raises(Exception) as refused:
            step(case=application.case, actor=stranger)
        assert getattr(refused.value, "status", None) == 404
    application.case.refresh_from_db()
    assert application.case.status == "draft"


def test_a_members_viewer_reads_but_does_not_act():
    cluster, people = _ready_cluster()
    application = cluster_application_create(cluster=cluster, actor=people["editor"])
    with pytest.raises(Exception) as refused:
        kit.case_withdraw(case=application.case, actor=people["viewer"])
    assert getattr(refused.value, "status", None) == 404
    page = page_client(people["viewer"]).get(
        reverse("clusters:application", args=[application.case_id])
    )
    assert page.status_code == 200


def test_one_open_application_per_cluster_whoever_opens_it():
    cluster, people = _ready_cluster()
    first = cluster_application_create(cluster=cluster, actor=people["editor"])
    with pytest.raises(Conflict) as refused:
        cluster_application_create(cluster=cluster, actor=people["lead"])
    assert refused.value.code == ReviewErrorCode.CASE_ALREADY_OPEN
    assert refused.value.extra["case_id"] == first.case_id
    # The page sends the second member to the application already open
    opened = page_client(people["lead"]).post(reverse("clusters:apply", args=[cluster.pk]))
    assert opened.url == reverse("clusters:application", args=[first.case_id])


def _heard(person, kind: str) -> bool:
    return person.notifications.filter(kind=kind).exists()


def test_the_news_goes_to_the_lead_the_administrators_and_who_opened_it_not_every_member():
    # Given a member's editor who opened and submitted the application
    cluster, people = _ready_cluster()
    bystander = member_of(
        cluster.members.exclude(organization=cluster.lead_organization)
        .filter(is_admin=False, organization__cluster_status__kind="participant")
        .exclude(organization__memberships__user=people["editor"])
        .first()
        .organization,
        "owner",
    )
    application = cluster_application_create(cluster=cluster, actor=people["editor"])
    _complete_and_submit(application, people["editor"])

    # Then the editor and the lead hear of it; a member that took no part is not written to
    assert _heard(people["editor"], "review.submitted")
    assert _heard(people["lead"], "review.submitted")
    assert not _heard(bystander, "review.submitted")


def test_a_reviewer_of_any_acting_member_neither_hears_of_nor_decides_the_case():
    # Given a fund reviewer who belongs to a counting member other than the lead
    cluster, people = _ready_cluster()
    counting = people["editor"].memberships.get().organization
    own_reviewer = member_of(counting, "viewer", staff_role="reviewer")
    application = cluster_application_create(cluster=cluster, actor=people["editor"])
    _complete_and_submit(application, people["editor"])

    # Then they are not told of the new case, and may not decide it
    assert not _heard(own_reviewer, "review.new_case")
    with pytest.raises(PermissionDenied) as refused:
        kit.require_reviewer(case=application.case, user=own_reviewer)
    assert refused.value.code == ReviewErrorCode.OWN_ORGANIZATION


def _complete_and_submit(application, actor):
    application.contact_name = "Ирина Петрова"
    application.contact_position = "Директор"
    application.contact_phone = "+7 495 000-00-00"
    application.contact_email = "irina@example.ru"
    application.save()
    kit.submission_document_add(submission=application, actor=actor, upload=pdf_file())
    kit.case_submit(case=application.case, actor=actor)
