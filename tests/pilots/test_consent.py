"""The sites' consent (issue 20, step 2): each site's people agree or decline with a reason in
5 business days; past that the fund is told; the fund may propose another site."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.features.pilots import consent as consenting
from innocluster.features.pilots.models import Pilot, SiteConsent
from tests.factories import member_of

from ..reviews.plug import api_client, code_of, notified, page_client
from ..status.helpers import reviewer
from .proposal_helpers import a_site_person, approved_pilot

pytestmark = pytest.mark.django_db


def test_each_site_is_asked_with_a_due_date_five_business_days_on():
    (site, person), (other, other_person) = a_site_person(), a_site_person()
    pilot = approved_pilot([site, other])
    consents = list(pilot.consents.order_by("site_id"))
    assert [c.status for c in consents] == ["pending", "pending"]
    assert consents[0].due.weekday() < 5
    assert notified(person, "pilots.consent_asked") and notified(
        other_person, "pilots.consent_asked"
    )


def test_the_pilot_goes_to_the_agreement_once_every_site_answered_and_one_agreed():
    (site, person), (other, other_person) = a_site_person(), a_site_person()
    pilot = approved_pilot([site, other])
    first, second = pilot.consents.order_by("site_id")
    consenting.consent_answer(consent=first, actor=person, agree=True)
    assert Pilot.objects.get(pk=pilot.pk).status == "consent"
    consenting.consent_answer(consent=second, actor=other_person, agree=False, reason="Ремонт")
    assert Pilot.objects.get(pk=pilot.pk).status == "agreement"
    company_owner = pilot.organization.memberships.get().user
    assert len(notified(company_owner, "pilots.consent_answered")) == 2


def test_consent_by_someone_not_of_the_site_is_404_and_changes_nothing():
    site, _ = a_site_person()
    pilot = approved_pilot([site])
    consent = pilot.consents.get()
    colleague_without_duty = member_of(site.organization, "editor")
    for outsider in (colleague_without_duty, pilot.organization.memberships.get().user):
        with pytest.raises(NotFound):
            consenting.consent_answer(consent=consent, actor=outsider, agree=True)
        answered = api_client(outsider).post(
            f"/api/v1/pilots/{pilot.pk}/consent/", {"consent": consent.pk, "agree": True}
        )
        assert answered.status_code == 404
        page = page_client(outsider).post(
            f"/en/pilots/{pilot.pk}/consents/{consent.pk}/answer/", {"answer": "agree"}
        )
        assert page.status_code == 404
    assert SiteConsent.objects.get().status == "pending"


def test_declining_needs_a_reason_and_a_second_answer_is_a_conflict():
    site, person = a_site_person()
    consent = approved_pilot([site]).consents.get()
    with pytest.raises(ValidationError) as refused:
        consenting.consent_answer(consent=consent, actor=person, agree=False, reason="  ")
    assert code_of(refused.value, "reason") == "required"
    assert SiteConsent.objects.get().status == "pending"
    consenting.consent_answer(consent=consent, actor=person, agree=True)
    with pytest.raises(Conflict) as again:
        consenting.consent_answer(consent=consent, actor=person, agree=False, reason="Нет")
    assert again.value.code == "pilot_consent_answered"


def test_the_fund_hears_of_an_overdue_answer_once():
    site, _ = a_site_person()
    pilot = approved_pilot([site])
    fund = reviewer()
    consent = pilot.consents.get()
    assert consenting.consents_overdue_report(today=consent.due) == 0
    later = consent.due + dt.timedelta(days=1)
    assert consenting.consents_overdue_report(today=later) == 1
    assert consenting.consents_overdue_report(today=later) == 0
    assert len(notified(fund, "pilots.consent_overdue")) == 1


def test_the_fund_proposes_another_site_and_nobody_else_may():
    site, person = a_site_person()
    other, other_person = a_site_person()
    pilot = approved_pilot([site])
    consenting.consent_answer(consent=pilot.consents.get(), actor=person, agree=False, reason="Нет")
    with pytest.raises(PermissionDenied):
        consenting.consent_propose_site(pilot=pilot, actor=person, site=other)
    fund = reviewer()
    response = api_client(fund).post(f"/api/v1/pilots/{pilot.pk}/propose-site/", {"site": other.pk})
    assert response.status_code == 200, response.content
    assert notified(other_person, "pilots.consent_asked")
    again = api_client(fund).post(f"/api/v1/pilots/{pilot.pk}/propose-site/", {"site": other.pk})
    assert again.status_code == 400
    assert again.json()["error_codes"]["site"] == ["pilot_site_asked"]


def test_the_fund_may_not_overfill_a_site():
    site, person = a_site_person()
    full, _ = a_site_person(capacity=1)
    approved_pilot([full])
    pilot = approved_pilot([site])
    with pytest.raises(Conflict) as refused:
        consenting.consent_propose_site(pilot=pilot, actor=reviewer(), site=full)
    assert refused.value.code == "pilot_site_full"
    assert pilot.consents.count() == 1


def test_the_pilot_page_shows_the_answer_form_to_the_sites_people_only():
    site, person = a_site_person()
    pilot = approved_pilot([site])
    page = page_client(person).get(f"/en/pilots/{pilot.pk}/")
    assert page.status_code == 200 and "Agree to host the pilot" in page.content.decode()
    owner = pilot.organization.memberships.get().user
    own = page_client(owner).get(f"/en/pilots/{pilot.pk}/").content.decode()
    assert "Agree to host the pilot" not in own
    stranger = member_of(a_site_person()[0].organization, "owner")
    assert page_client(stranger).get(f"/en/pilots/{pilot.pk}/").status_code == 404
    refused = page_client(person).post(
        f"/en/pilots/{pilot.pk}/consents/{pilot.consents.get().pk}/answer/", {"answer": "decline"}
    )
    assert refused.status_code == 400
    agreed = page_client(person).post(
        f"/en/pilots/{pilot.pk}/consents/{pilot.consents.get().pk}/answer/", {"answer": "agree"}
    )
    assert agreed.status_code == 302
    assert Pilot.objects.get(pk=pilot.pk).status == "agreement"
