"""The support measures API: the catalogue with eligibility, and grant applications from the
draft to the award, with the reviewers' scores and cuts, and every refusal as problem+json."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innocluster.core.calendar import moscow_date
from innocluster.core.errors import CoreErrorCode
from innocluster.features.support.errors import SupportErrorCode as Code
from innocluster.features.support.models import (
    ApplicationDocument,
    Award,
    CostItem,
    GrantApplication,
)
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.errors import ReviewErrorCode

from ..factories import OrganizationFactory, member_of
from ..status.helpers import pdf_file, reviewer
from .helpers import D, a_draft, a_measure, a_participant

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
NOT_A_PDF = b"GIF89a" + b"0" * 64


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    return body


@pytest.fixture
def measure():
    return a_measure(title_ru="Станки для цеха", cap_per_company_year=D("30000000.00"))


@pytest.fixture
def participant():
    return a_participant()


@pytest.fixture
def client(api_as, participant):
    """The participant's owner, by token."""
    return api_as(participant[1])


def a_cost(**fields):
    return {
        "description": "Фрезерный станок",
        "category": "equipment",
        "origin": "domestic",
        "amount": "1000000.01",
        "document": pdf_file("invoice.pdf"),
        **fields,
    }


def create(client, measure, organization, **fields):
    return client.post(
        "/api/v1/grant-applications/",
        {"organization": organization.pk, "measure": measure.pk, **fields},
        format="json",
    )


# --- the catalogue --------------------------------------------------------------------------


def test_the_catalogue_lists_measures_with_their_rules(api, measure):
    body = api.get("/api/v1/measures/", {"q": "станки"}).json()
    assert body["count"] == 1
    found = body["results"][0]
    assert (found["id"], found["title"], found["level"]) == (measure.pk, "Equipment costs", "city")
    rules = {(rule["category"], rule["origin"]): rule["percent"] for rule in found["cost_rules"]}
    assert rules == {("equipment", "domestic"): "50.00", ("equipment", "imported"): "35.00"}
    assert found["calls"][0]["open_now"] is True
    assert found["required_documents"][0]["title"] == "Договор"
    one = api.get(f"/api/v1/measures/{measure.pk}/").json()
    assert one["cap_per_company_year"] == "30000000.00"


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"level": "city"}, True),
        ({"level": "federal"}, False),
        ({"category": "equipment"}, True),
        ({"category": "patent_ru"}, False),
        ({"required_status": "participant"}, True),
        ({"required_status": "none"}, False),
        ({"open_now": "true"}, True),
        ({"open_now": "false"}, False),
    ],
)
def test_the_catalogue_filters(api, measure, query, shown):
    body = api.get("/api/v1/measures/", {**query, "page_size": 100}).json()
    assert (measure.pk in [found["id"] for found in body["results"]]) is shown


@pytest.mark.parametrize(
    "query", [{"level": "galactic"}, {"category": "yachts"}, {"open_now": "maybe"}]
)
def test_an_unknown_filter_value_is_a_400(api, measure, query):
    body = problem(api.get("/api/v1/measures/", query), 400)
    assert set(query) <= set(body["errors"])


def test_unpublished_and_unknown_measures_are_404(api):
    hidden = a_measure(is_published=False)
    problem(api.get(f"/api/v1/measures/{hidden.pk}/"), 404)
    problem(api.get("/api/v1/measures/999999/"), 404)


def test_the_catalogue_costs_the_same_queries_for_one_measure_or_many(api):
    a_measure(title_ru="Квазар 1")
    with CaptureQueriesContext(connection) as one:
        assert api.get("/api/v1/measures/", {"q": "квазар"}).json()["count"] == 1
    for n in range(2, 7):
        a_measure(title_ru=f"Квазар {n}")
    with CaptureQueriesContext(connection) as six:
        assert api.get("/api/v1/measures/", {"q": "квазар"}).json()["count"] == 6
    assert len(one) == len(six), [query["sql"] for query in six]


# --- eligibility ----------------------------------------------------------------------------


def test_eligibility_of_a_participant(client, measure, participant):
    organization, _owner = participant
    answer = client.get(
        f"/api/v1/measures/{measure.pk}/eligibility/", {"organization": organization.pk}
    )
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert (body["measure"], body["organization"]) == (measure.pk, organization.pk)
    assert body["eligible"] and body["can_apply_now"]
    assert {check["code"]: check["met"] for check in body["checks"]} == {
        "applicant_kind": True,
        "status": True,
    }
    assert body["open_call"]["open_now"] is True


def test_eligibility_shows_each_unmet_criterion_and_the_step(api_as, measure):
    measure.min_company_age_years = 100
    measure.save()
    organization = OrganizationFactory(headcount=None)
    client = api_as(member_of(organization, "owner"))
    body = client.get(
        f"/api/v1/measures/{measure.pk}/eligibility/", {"organization": organization.pk}
    ).json()
    assert not body["eligible"] and not body["can_apply_now"] and not body["one_step_away"]
    checks = {check["code"]: check for check in body["checks"]}
    assert checks["status"]["met"] is False
    assert checks["status"]["step"] == "Apply for the status"
    assert checks["age"]["met"] is False and checks["age"]["detail"] == "founded in 2015"


def test_the_eligibility_address_without_the_slash_leads_to_it(client, measure, participant):
    organization, _owner = participant
    url = f"/api/v1/measures/{measure.pk}/eligibility"
    answer = client.get(url, {"organization": organization.pk}, follow=True)
    assert answer.redirect_chain == [(f"{url}/?organization={organization.pk}", 301)]
    assert answer.json()["can_apply_now"] is True


@pytest.mark.parametrize("query", [{}, {"organization": "abc"}, {"organization": ""}])
def test_eligibility_needs_an_organization(client, measure, query):
    body = problem(client.get(f"/api/v1/measures/{measure.pk}/eligibility/", query), 400)
    assert "organization" in body["errors"]


def test_eligibility_of_someone_elses_organization_is_404(client, measure):
    stranger = OrganizationFactory()
    url = f"/api/v1/measures/{measure.pk}/eligibility/"
    problem(client.get(url, {"organization": stranger.pk}), 404)
    problem(client.get(url, {"organization": 999999}), 404)


def test_eligibility_needs_a_sign_in(api, measure, participant):
    organization, _owner = participant
    answer = api.get(
        f"/api/v1/measures/{measure.pk}/eligibility/", {"organization": organization.pk}
    )
    assert answer.status_code in (401, 403)
    assert answer["Content-Type"] == PROBLEM


# --- grant applications ---------------------------------------------------------------------


def test_the_whole_way_through_the_api(client, api_as, measure, participant):
    organization, owner = participant
    # Open a draft with its purpose
    created = create(client, measure, organization, purpose="Станок с ЧПУ")
    assert created.status_code == 201, created.json()
    body = created.json()
    case_id = body["id"]
    assert (body["status"], body["purpose"], body["contact_email"]) == (
        "draft", "Станок с ЧПУ", owner.email,
    )  # fmt: skip
    assert body["award"] is None and body["items"] == []
    url = f"/api/v1/grant-applications/{case_id}/"

    # Complete it: the contact phone, two costs, the required document
    patched = client.patch(url, {"contact_phone": "+7 495 000-00-00"}, format="json")
    assert patched.status_code == 200 and patched.json()["contact_phone"] == "+7 495 000-00-00"
    item = client.post(f"{url}items/", a_cost(), format="multipart")
    assert item.status_code == 201, item.json()
    assert item.json()["amount"] == "1000000.01"
    client.post(f"{url}items/", a_cost(origin="imported", amount="200000.00"), format="multipart")
    download = client.get(item.json()["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    requirement = measure.required_documents.get()
    attached = client.post(
        f"{url}documents/", {"requirement": requirement.pk, "file": pdf_file()}, format="multipart"
    )
    assert attached.status_code == 201, attached.json()

    # Submit: the requested amount is fixed with its computation
    done = client.post(f"{url}submit/")
    assert done.status_code == 200, done.json()
    body = done.json()
    assert body["status"] == "submitted"
    assert body["requested_amount"] == "570000.00"  # 50% of 1,000,000.01 (down) + 35% of 200,000
    assert body["computation"]["total"] == "570000.00"
    assert client.post(f"{url}submit/").json()["status"] == "submitted"  # idempotent

    # A reviewer cuts an item, scores every criterion and approves
    staff = api_as(reviewer())
    assert staff.get(url).json()["number"] == body["number"]
    domestic = next(i for i in body["items"] if i["origin"] == "domestic")
    cut = staff.post(
        f"{url}items/{domestic['id']}/cut/",
        {"accepted_amount": "600000.00", "reason": "Часть уже оплачена"},
        format="json",
    )
    assert cut.status_code == 200, cut.json()
    assert (cut.json()["accepted_amount"], cut.json()["cut_reason"]) == (
        "600000.00", "Часть уже оплачена",
    )  # fmt: skip
    for criterion in measure.criteria.all():
        scored = staff.post(
            f"{url}scores/",
            {"criterion": criterion.pk, "score": 8, "comment": "Хорошо"},
            format="json",
        )
        assert scored.status_code == 200, scored.json()
    decided = staff.post(f"/api/v1/reviews/{case_id}/decide/", {"decision": "approve"})
    assert decided.status_code == 200, decided.json()

    # The applicant sees the award: 50% of the 600,000 accepted + 35% of 200,000
    award = Award.objects.get()
    assert award.amount == D("370000.00")
    body = client.get(url).json()
    assert (body["status"], body["award"]) == ("approved", award.pk)


def test_resubmit_after_the_fund_asks_and_withdraw(client, measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    url = f"/api/v1/grant-applications/{application.case_id}/"
    client.post(f"{url}submit/")
    reviews.case_decide(
        case=application.case, reviewer=reviewer(), decision="request_info", reason="Счёт?"
    )
    added = client.post(f"{url}items/", a_cost(amount="10.00"), format="multipart")
    assert added.status_code == 201, added.json()
    back = client.post(f"{url}resubmit/", {"message": "Приложен"}, format="json")
    assert back.status_code == 200, back.json()
    assert back.json()["status"] == "resubmitted"
    assert back.json()["requested_amount"] == "500005.00"
    withdrawn = client.post(f"{url}withdraw/", {"reason": "Передумали"}, format="json")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    problem(client.post(f"{url}items/", a_cost(), format="multipart"), 409)


def test_remove_a_cost_and_a_document_from_a_draft(client, measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    url = f"/api/v1/grant-applications/{application.case_id}/"
    item, document = application.items.get(), application.documents.get()
    assert client.delete(f"{url}items/{item.pk}/").status_code == 204
    assert client.delete(f"{url}documents/{document.pk}/").status_code == 204
    assert not CostItem.objects.exists() and not ApplicationDocument.objects.exists()
    problem(client.delete(f"{url}items/{item.pk}/"), 404)


@pytest.mark.parametrize(
    ("amount", "code"),  # the serializer's (DRF's) codes
    [
        ("-5", "min_value"),
        ("0", "min_value"),
        ("abc", "invalid"),
        ("12.345", "max_decimal_places"),
        ("NaN", "invalid"),
        ("1e20", "max_digits"),
    ],
)
def test_a_bad_amount_is_a_400_and_nothing_is_added(client, measure, participant, amount, code):
    organization, owner = participant
    application = a_draft(measure, organization, owner, items=())
    refused = client.post(
        f"/api/v1/grant-applications/{application.case_id}/items/",
        a_cost(amount=amount),
        format="multipart",
    )
    body = problem(refused, 400)
    assert body["error_codes"] == {"amount": [code]}
    assert not CostItem.objects.exists()


def test_a_category_the_measure_does_not_cover_is_a_400(client, measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner, items=())
    url = f"/api/v1/grant-applications/{application.case_id}/items/"
    body = problem(client.post(url, a_cost(category="salaries"), format="multipart"), 400)
    assert body["error_codes"] == {"category": [Code.NOT_COVERED]}
    assert "equipment" in body["errors"]["category"][0]  # what the measure covers is named
    body = problem(client.post(url, a_cost(category="yachts"), format="multipart"), 400)
    assert body["error_codes"] == {"category": ["invalid_choice"]}
    assert not CostItem.objects.exists()


def test_a_cost_or_a_document_that_is_not_a_pdf_is_a_400(client, measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner, items=())
    url = f"/api/v1/grant-applications/{application.case_id}/"
    fake = pdf_file("invoice.pdf", NOT_A_PDF)
    body = problem(client.post(f"{url}items/", a_cost(document=fake), format="multipart"), 400)
    assert body["error_codes"] == {"document": [CoreErrorCode.NOT_A_PDF]}
    problem(client.post(f"{url}items/", {**a_cost(), "document": ""}, format="multipart"), 400)
    requirement = measure.required_documents.get()
    body = problem(
        client.post(
            f"{url}documents/",
            {"requirement": requirement.pk, "file": pdf_file("a.pdf", NOT_A_PDF)},
            format="multipart",
        ),
        400,
    )
    assert body["error_codes"] == {"file": [CoreErrorCode.NOT_A_PDF]}
    foreign = a_measure().required_documents.get()
    body = problem(
        client.post(
            f"{url}documents/", {"requirement": foreign.pk, "file": pdf_file()}, format="multipart"
        ),
        400,
    )
    assert body["error_codes"] == {"requirement": ["invalid_choice"]}
    assert not CostItem.objects.exists()
    assert application.documents.count() == 1  # a_draft attached the real one


def test_an_incomplete_submission_lists_every_missing_item(client, measure, participant):
    organization, _owner = participant
    case_id = create(client, measure, organization).json()["id"]
    body = problem(client.post(f"/api/v1/grant-applications/{case_id}/submit/"), 400)
    codes = body["error_codes"]
    assert codes["purpose"] == codes["items"] == codes["contact_phone"] == ["required"]
    assert codes["documents"] == [ReviewErrorCode.MISSING_DOCUMENT]
    assert GrantApplication.objects.get().case.status == "draft"


def test_a_closed_call_is_a_400(client, measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    measure.calls.update(closes_on=moscow_date() - dt.timedelta(days=1))
    body = problem(create(client, measure, organization), 400)
    assert body["code"] == "validation_error"
    assert body["error_codes"] == {"non_field_errors": [Code.CALL_CLOSED]}
    refused = client.post(f"/api/v1/grant-applications/{application.case_id}/submit/")
    assert problem(refused, 400)["error_codes"] == {"non_field_errors": [Code.CALL_CLOSED]}
    assert GrantApplication.objects.count() == 1
    application.case.refresh_from_db()
    assert application.case.status == "draft"


def test_a_request_above_a_cap_the_measure_does_not_reduce_is_a_400(client, participant):
    organization, owner = participant
    measure = a_measure(cap_per_application=D("100000.00"), over_cap_policy="refuse")
    application = a_draft(measure, organization, owner)
    refused = client.post(f"/api/v1/grant-applications/{application.case_id}/submit/")
    assert problem(refused, 400)["error_codes"] == {"items": [Code.ABOVE_CAP]}
    application.refresh_from_db()
    assert application.case.status == "draft" and application.requested_amount is None


def test_an_organization_that_is_not_eligible_is_a_400(api_as, measure):
    organization = OrganizationFactory()
    body = problem(create(api_as(member_of(organization, "owner")), measure, organization), 400)
    assert body["error_codes"] == {"non_field_errors": [Code.NOT_ELIGIBLE]}
    assert "Status: cluster participant" in body["errors"]["non_field_errors"][0]  # the unmet one
    assert not GrantApplication.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"organization": "abc", "measure": 1},
        {"contact_email": "not an e-mail"},
        {"purpose": "x" * 4001},
    ],
)
def test_bad_input_on_create_is_a_400(client, measure, participant, data):
    organization, _owner = participant
    body = {"organization": organization.pk, "measure": measure.pk, **data} if data else {}
    refused = client.post("/api/v1/grant-applications/", body, format="json")
    problem(refused, 400)
    assert not GrantApplication.objects.exists()


def test_create_for_an_organization_or_a_measure_not_there_is_404(client, measure, participant):
    organization, _owner = participant
    problem(create(client, measure, OrganizationFactory()), 404)
    hidden = a_measure(is_published=False)
    problem(create(client, hidden, organization), 404)
    assert not GrantApplication.objects.exists()


def test_a_bad_patch_is_a_400_and_changes_nothing(client, measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    url = f"/api/v1/grant-applications/{application.case_id}/"
    body = problem(
        client.patch(url, {"contact_email": "nope", "purpose": "Другое"}, format="json"), 400
    )
    assert "contact_email" in body["errors"]
    application.refresh_from_db()
    assert application.purpose == "Станок с ЧПУ для нового цеха"


def test_the_contact_is_changed_whole_and_a_phone_no_one_can_call_refused(
    client, measure, participant
):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    url = f"/api/v1/grant-applications/{application.case_id}/"
    contact = {"contact_position": "Главный инженер", "contact_phone": "8 (495) 111-22-33"}

    changed = client.patch(url, contact, format="json")
    refused = problem(client.patch(url, {"contact_phone": "ring me"}, format="json"), 400)

    assert changed.status_code == 200 and changed.json()["contact_position"] == "Главный инженер"
    assert refused["error_codes"] == {"contact_phone": [CoreErrorCode.INVALID_PHONE]}
    application.refresh_from_db()
    assert application.contact_phone == "8 (495) 111-22-33"


def test_another_organizations_application_is_404(api_as, measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    item, document = application.items.get(), application.documents.get()
    stranger = api_as(member_of(OrganizationFactory(), "owner"))
    url = f"/api/v1/grant-applications/{application.case_id}/"
    assert stranger.get("/api/v1/grant-applications/").json()["count"] == 0
    for response in [
        stranger.get(url),
        stranger.patch(url, {"purpose": "Чужое"}, format="json"),
        stranger.post(f"{url}items/", a_cost(), format="multipart"),
        stranger.post(
            f"{url}documents/", {"requirement": 1, "file": pdf_file()}, format="multipart"
        ),
        stranger.post(f"{url}submit/"),
        stranger.post(f"{url}withdraw/"),
        stranger.get(f"{url}items/{item.pk}/"),
        stranger.delete(f"{url}items/{item.pk}/"),
        stranger.get(f"{url}documents/{document.pk}/"),
        stranger.delete(f"{url}documents/{document.pk}/"),
        stranger.post(f"{url}scores/", {"criterion": 1, "score": 5}, format="json"),
        stranger.post(f"{url}items/{item.pk}/cut/", {"accepted_amount": "1"}, format="json"),
    ]:
        problem(response, 404)
    application.refresh_from_db()
    assert application.case.status == "draft" and application.items.count() == 1


def test_a_viewer_reads_but_does_not_change(api_as, measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    viewer = api_as(member_of(organization, "viewer"))
    url = f"/api/v1/grant-applications/{application.case_id}/"
    assert viewer.get(url).status_code == 200
    problem(viewer.post(f"{url}items/", a_cost(), format="multipart"), 404)
    problem(viewer.post(f"{url}submit/"), 404)
    problem(create(viewer, measure, organization), 404)
    assert application.items.count() == 1


def test_anonymous_callers_are_refused(api, measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    for response in [
        api.get("/api/v1/grant-applications/"),
        api.get(f"/api/v1/grant-applications/{application.case_id}/"),
        create(api, measure, organization),
    ]:
        assert response.status_code in (401, 403)
        assert response["Content-Type"] == PROBLEM


# --- the reviewers --------------------------------------------------------------------------


@pytest.fixture
def under_review(measure, participant):
    organization, owner = participant
    application = a_draft(measure, organization, owner)
    reviews.case_submit(case=application.case, actor=owner)
    return application


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"accepted_amount": "-1", "reason": "x"}, "accepted_amount", "min_value"),
        ({"accepted_amount": "abc", "reason": "x"}, "accepted_amount", "invalid"),
        ({"accepted_amount": "1.234", "reason": "x"}, "accepted_amount", "max_decimal_places"),
        ({"accepted_amount": "2000000.00", "reason": "x"}, "accepted_amount", Code.ABOVE_CLAIMED),
        ({"accepted_amount": "10.00"}, "reason", "required"),
    ],
)
def test_a_bad_cut_is_a_400(api_as, under_review, data, field, code):
    item = under_review.items.get()
    staff = api_as(reviewer())
    url = f"/api/v1/grant-applications/{under_review.case_id}/items/{item.pk}/cut/"
    body = problem(staff.post(url, data, format="json"), 400)
    assert body["error_codes"] == {field: [code]}
    item.refresh_from_db()
    assert item.accepted_amount is None


@pytest.mark.parametrize(
    ("data", "codes"),
    [
        ({"criterion": 999999, "score": 5}, {"criterion": ["invalid_choice"]}),
        ({"score": 11}, {"score": ["max_value"]}),
        ({"score": -1}, {"score": ["min_value"]}),
    ],
)
def test_a_bad_score_is_a_400(api_as, under_review, data, codes):
    criterion = under_review.measure.criteria.get()
    staff = api_as(reviewer())
    url = f"/api/v1/grant-applications/{under_review.case_id}/scores/"
    body = problem(staff.post(url, {"criterion": criterion.pk, **data}, format="json"), 400)
    assert body["error_codes"] == codes
    assert not under_review.scores.exists()


def test_the_applicant_neither_scores_nor_cuts(client, under_review):
    url = f"/api/v1/grant-applications/{under_review.case_id}/"
    criterion = under_review.measure.criteria.get()
    problem(
        client.post(f"{url}scores/", {"criterion": criterion.pk, "score": 10}, format="json"), 403
    )
    item = under_review.items.get()
    problem(
        client.post(f"{url}items/{item.pk}/cut/", {"accepted_amount": "1.00", "reason": "x"}), 404
    )
    assert not under_review.scores.exists()


def test_no_cut_after_the_decision(api_as, under_review):
    staff = reviewer()
    reviews.case_decide(case=under_review.case, reviewer=staff, decision="reject", reason="Нет")
    item = under_review.items.get()
    url = f"/api/v1/grant-applications/{under_review.case_id}/items/{item.pk}/cut/"
    body = problem(api_as(staff).post(url, {"accepted_amount": "1.00", "reason": "x"}), 409)
    assert body["code"] == ReviewErrorCode.CASE_STATE


def test_the_list_costs_the_same_queries_for_one_application_or_many(client, measure, participant):
    organization, owner = participant
    reviews.case_submit(case=a_draft(measure, organization, owner).case, actor=owner)
    client.get("/api/v1/grant-applications/")  # the token's first use of the minute is noted
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/grant-applications/").json()["count"] == 1
    for _n in range(3):
        a_draft(measure, organization, owner)
    with CaptureQueriesContext(connection) as four:
        body = client.get("/api/v1/grant-applications/").json()
    assert body["count"] == 4
    assert all(len(application["items"]) == 1 for application in body["results"])
    assert len(one) == len(four), [query["sql"] for query in four]


def test_options_on_a_cut_describes_its_body(api_as, under_review):
    item = under_review.items.get()
    url = f"/api/v1/grant-applications/{under_review.case_id}/items/{item.pk}/cut/"
    response = api_as(reviewer()).options(url)
    assert response.status_code == 200
    assert "accepted_amount" in response.json()["actions"]["POST"]
