"""A pilot proposal (issue 20, step 1): filled from the product, its rules, a full site."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from innocluster.core.errors import Conflict, NotFound
from innocluster.features.pilots import proposal as proposing
from innocluster.features.pilots.models import Pilot, PilotProposal, SiteConsent
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.models import Case
from tests.factories import OrganizationFactory, ProductFactory, member_of

from ..reviews.plug import api_client, code_of, notified, page_client
from ..status.helpers import reviewer
from .proposal_helpers import KPIS, a_company, a_proposal, a_site_person, approved_pilot

pytestmark = pytest.mark.django_db


def test_a_draft_is_filled_from_the_product_and_the_contact():
    organization, owner, product = a_company(trl=6)
    proposal = proposing.proposal_create(organization=organization, actor=owner, product=product)
    assert (proposal.solution, proposal.trl, proposal.contact_email) == (
        product.name,
        6,
        owner.email,
    )


def test_only_an_active_participant_proposes_and_only_its_own_products():
    stranger = OrganizationFactory()
    owner = member_of(stranger, "owner")
    product = ProductFactory(organization=stranger)
    with pytest.raises(ValidationError) as refused:
        proposing.proposal_create(organization=stranger, actor=owner, product=product)
    assert code_of(refused.value, "organization") == "not_a_participant"
    organization, owner, _ = a_company()
    with pytest.raises(NotFound):
        proposing.proposal_create(organization=organization, actor=owner, product=product)
    assert not Case.objects.exists()


def test_below_trl_5_the_company_says_why():
    site, _ = a_site_person()
    proposal = a_proposal([site], company=a_company(trl=4))
    with pytest.raises(ValidationError) as refused:
        reviews.case_submit(case=proposal.case, actor=proposal.case.created_by)
    assert code_of(refused.value, "trl_reason") == "trl_reason_missing"
    reviews.submission_update(
        submission=proposal, actor=proposal.case.created_by, fields={"trl_reason": "Прототип"}
    )
    assert reviews.case_submit(case=proposal.case, actor=proposal.case.created_by).status == (
        "submitted"
    )


@pytest.mark.parametrize(
    "kpis",
    [
        [{"name": "Точность", "unit": "furlongs", "target": "95"}],
        [{"name": "Точность", "unit": "percent", "target": "много"}],
        [{"name": "", "unit": "percent", "target": "95"}],
        [{"name": "Точность", "unit": "percent"}],
    ],
)
def test_a_bad_kpi_is_refused_and_nothing_changes(kpis):
    proposal = a_proposal()
    with pytest.raises(ValidationError) as refused:
        reviews.submission_update(
            submission=proposal, actor=proposal.case.created_by,
            fields={"kpis": kpis, "site_needs": "Розетка"},
        )  # fmt: skip
    assert code_of(refused.value, "kpis") == "pilot_kpi_invalid"
    stored = PilotProposal.objects.get(pk=proposal.pk)
    assert (stored.kpis, stored.site_needs) == (KPIS, "")


def test_neither_sites_nor_the_fund_picks_is_missing_and_the_fund_picks_opens_a_pilot():
    proposal = a_proposal()
    owner = proposal.case.created_by
    with pytest.raises(ValidationError) as refused:
        reviews.case_submit(case=proposal.case, actor=owner)
    assert code_of(refused.value, "sites") == "pilot_site_missing"

    fund = reviewer()
    reviews.submission_update(submission=proposal, actor=owner, fields={"fund_picks_site": True})
    case = reviews.case_submit(case=proposal.case, actor=owner)
    reviews.case_decide(case=case, reviewer=fund, decision="approve")
    pilot = Pilot.objects.get(proposal=proposal)
    assert (pilot.status, pilot.consents.count()) == ("consent", 0)
    assert notified(fund, "pilots.site_to_pick") == [reverse("pilots:pilot", args=[pilot.pk])]


def test_an_unpublished_or_unknown_site_is_refused():
    site, _ = a_site_person(is_published=False)
    with pytest.raises(ValidationError) as refused:
        a_proposal([site])
    assert code_of(refused.value, "sites") == "pilot_site_unknown"


def test_a_site_that_requires_insurance_needs_the_policy():
    site, _ = a_site_person(insurance_required=True)
    proposal = a_proposal([site])
    with pytest.raises(ValidationError) as refused:
        reviews.case_submit(case=proposal.case, actor=proposal.case.created_by)
    assert code_of(refused.value, "documents") == "missing_document"


def test_a_proposal_for_a_full_site_is_refused_when_saved():
    site, _ = a_site_person(capacity=1)
    approved_pilot([site])  # takes the one place
    before = (Case.objects.count(), PilotProposal.objects.count())
    with pytest.raises(ValidationError) as refused:
        a_proposal([site])
    assert code_of(refused.value, "sites") == "pilot_site_full"
    # the draft opened, but its sites were not saved
    assert PilotProposal.objects.latest("pk").sites == []
    assert Case.objects.count() == before[0] + 1


def test_a_site_filled_meanwhile_refuses_the_approval_whole():
    site, person = a_site_person(capacity=1)
    first, second = a_proposal([site]), a_proposal([site])
    for proposal in (first, second):
        reviews.case_submit(case=proposal.case, actor=proposal.case.created_by)
    fund = reviewer()
    reviews.case_decide(case=first.case, reviewer=fund, decision="approve")

    with pytest.raises(Conflict) as refused:
        reviews.case_decide(case=second.case, reviewer=reviewer(), decision="approve")

    assert (refused.value.code, refused.value.status) == ("pilot_site_full", 409)
    assert Case.objects.get(pk=second.case_id).status == "submitted"
    assert Pilot.objects.count() == SiteConsent.objects.count() == 1
    assert len(notified(person, "pilots.consent_asked")) == 1


def test_a_declined_site_frees_its_place():
    site, person = a_site_person(capacity=1)
    pilot = approved_pilot([site])
    from innocluster.features.pilots.consent import consent_answer

    consent_answer(consent=pilot.consents.get(), actor=person, agree=False, reason="Ремонт")
    assert a_proposal([site]).sites == [site.pk]


def test_the_api_opens_fills_and_refuses_a_full_site():
    site, _ = a_site_person(capacity=1)
    organization, owner, product = a_company()
    client = api_client(owner)
    created = client.post(
        "/api/v1/pilot-proposals/",
        {"organization": organization.pk, "product": product.pk, "kpis": KPIS, "sites": [site.pk]},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["kpis"] == KPIS and created.json()["solution"] == product.name
    approved_pilot([site])
    pk = created.json()["id"]
    full = client.patch(f"/api/v1/pilot-proposals/{pk}/", {"sites": [site.pk]}, format="json")
    assert full.status_code == 400
    assert full.json()["error_codes"]["sites"] == ["pilot_site_full"]
    wrong = client.patch(
        f"/api/v1/pilot-proposals/{pk}/",
        {"kpis": [{"name": "x", "unit": "furlongs", "target": 1}]},
        format="json",
    )
    assert wrong.status_code == 400


def test_the_pages_propose_a_product_and_save_the_kpis():
    site, _ = a_site_person()
    organization, owner, product = a_company()
    client = page_client(owner)
    assert product.name in client.get("/en/pilots/propose/").content.decode()
    opened = client.post("/en/pilots/proposals/new/", {"product": product.pk})
    proposal = PilotProposal.objects.get()
    assert opened.status_code == 302 and opened.url.endswith(f"/proposals/{proposal.case_id}/")
    data = {
        "solution": product.name, "trl": 7, "what_to_test": "Подсказки",
        "chosen_sites": [site.pk], "duration_weeks": 8, "contact_name": "Иван",
        "contact_phone": "+7 495 000-00-00", "contact_email": "a@example.com",
        "kpi_0_name": "Точность", "kpi_0_unit": "percent", "kpi_0_target": "95.0",
        "kpi_1_name": "Только имя",
    }  # fmt: skip
    half = client.post(f"/en/pilots/proposals/{proposal.case_id}/", data)
    assert half.status_code == 400
    data.pop("kpi_1_name")
    assert client.post(f"/en/pilots/proposals/{proposal.case_id}/", data).status_code == 302
    proposal.refresh_from_db()
    assert proposal.kpis == [{"name": "Точность", "unit": "percent", "target": "95"}]
    assert proposal.sites == [site.pk]
    page = client.get(f"/en/pilots/proposals/{proposal.case_id}/").content.decode()
    assert "per cent" in page and site.name in page


def test_another_companys_product_is_404_on_the_page():
    _, _, product = a_company()
    _, owner, _ = a_company()
    response = page_client(owner).post("/en/pilots/proposals/new/", {"product": product.pk})
    assert response.status_code == 404
    assert not Case.objects.exists()
