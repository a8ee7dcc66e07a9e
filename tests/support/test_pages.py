"""The pages of support measures: the catalogue, "measures for me", a measure, applying, the
application with its costs and documents, and the reviewer's scoring, cuts and approval."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from innocluster.core.calendar import moscow_date
from innocluster.features.support.models import (
    ApplicationDocument,
    Award,
    CostItem,
    GrantApplication,
    Score,
)
from innocluster.platform.reviews import services as reviews

from ..factories import OrganizationFactory, member_of
from ..status.helpers import pdf_file, reviewer
from .helpers import D, a_draft, a_measure, a_participant

pytestmark = pytest.mark.django_db

NOT_A_PDF = b"GIF89a" + b"0" * 64


def signed_in(client, user):
    client.force_login(user)
    return client


def text(response) -> str:
    return response.content.decode()


def section(response, title_id: str) -> str:
    """The part of a page from one section heading to the next section."""
    return text(response).split(f'aria-labelledby="{title_id}"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def measure():
    return a_measure(title_ru="Станки для цеха", cap_per_company_year=D("30000000.00"))


@pytest.fixture
def participant():
    return a_participant()


@pytest.fixture
def draft(measure, participant):
    organization, owner = participant
    return a_draft(measure, organization, owner)


def submitted(application):
    reviews.case_submit(case=application.case, actor=application.case.created_by)
    application.refresh_from_db()
    return application


# --- the catalogue --------------------------------------------------------------------------


def test_the_catalogue_lists_published_measures_with_their_windows(client, measure):
    a_measure(title_ru="Скрытая мера", title_en="Hidden measure", is_published=False)
    page = client.get("/en/support/")
    assert page.status_code == 200
    assert "Equipment costs" in text(page)
    assert "Hidden measure" not in text(page)
    assert "open now" in text(page)


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"q": "СТАНКИ"}, True),  # Cyrillic in any case, on SQLite too
        ({"q": "turbines"}, False),
        ({"level": "city"}, True),
        ({"level": "federal"}, False),
        ({"category": "equipment"}, True),
        ({"category": "salaries"}, False),
        ({"required_status": "participant"}, True),
        ({"required_status": "none"}, False),
        ({"open_now": "true"}, True),
        ({"open_now": "false"}, False),
    ],
)
def test_the_catalogue_filters(client, measure, query, shown):
    page = client.get("/en/support/", query)
    assert page.status_code == 200
    assert (f"/support/measures/{measure.pk}/" in text(page)) is shown


def test_a_closed_call_is_not_open_now(client, measure):
    measure.calls.update(closes_on=moscow_date() - dt.timedelta(days=1))
    page = client.get("/en/support/", {"open_now": "true"})
    assert f"/support/measures/{measure.pk}/" not in text(page)


@pytest.mark.parametrize(
    "query",
    [
        {"level": "galactic"},
        {"category": "yachts"},
        {"required_status": "royal"},
        {"open_now": "maybe"},
        {"q": "x" * 201},
    ],
)
def test_a_bad_filter_value_is_a_400_page_that_says_why(client, measure, query):
    page = client.get("/en/support/", query)
    assert page.status_code == 400
    assert "Some filters are not valid" in text(page)
    assert f"/support/measures/{measure.pk}/" not in text(page)


def test_the_catalogue_costs_the_same_queries_for_one_measure_or_many(client):
    organization, owner = a_participant()
    signed_in(client, owner)
    query = {"q": "квазар"}
    a_measure(title_ru="Квазар 1")
    cache.clear()  # what an earlier request cached would hide what a page costs
    with CaptureQueriesContext(connection) as one:
        assert client.get("/en/support/", query).status_code == 200
    for n in range(2, 7):
        a_measure(title_ru=f"Квазар {n}")
    cache.clear()
    with CaptureQueriesContext(connection) as six:
        page = client.get("/en/support/", query)
    assert text(page).count("/support/measures/") == 6
    assert len(one) == len(six), [q["sql"] for q in six]


# --- measures for me ------------------------------------------------------------------------


@pytest.fixture
def newcomer():
    """A Moscow company without the participant status, founded in 2015."""
    organization = OrganizationFactory(short_name="ООО Новичок")
    return organization, member_of(organization, "owner")


def test_measures_for_me_in_three_groups_with_each_criterion(client, newcomer):
    organization, owner = newcomer
    anyone = a_measure(title_ru="Для всех", title_en="For anyone", required_status="none")
    members = a_measure(title_ru="Для участников", title_en="For participants")
    old = a_measure(
        title_ru="Для старых", title_en="For old companies", required_status="none",
        min_company_age_years=100,
    )  # fmt: skip
    page = signed_in(client, owner).get("/en/support/for-me/")
    assert page.status_code == 200
    now, step, not_now = (
        section(page, "now-title"), section(page, "step-title"), section(page, "not-title")
    )  # fmt: skip
    assert f"/support/measures/{anyone.pk}/" in now
    assert reverse("support:apply", args=[anyone.pk, organization.pk]) in now
    assert f"/support/measures/{members.pk}/" in step
    assert "Apply for the status" in step and reverse("participation:home") in step
    assert reverse("support:apply", args=[members.pk, organization.pk]) not in step
    old_card = not_now.split(f"/support/measures/{old.pk}/", 1)[1].split("</article>", 1)[0]
    assert "not met:</span>\n    The company is at least 100 years old" in old_card
    assert "(founded in 2015)" in old_card
    assert "met:</span>\n    Applicant: legal entity" in old_card


def test_a_measure_without_an_open_call_is_not_now_with_the_next_window(client, participant):
    organization, owner = participant
    later = a_measure(title_en="Later")
    later.calls.update(
        opens_on=moscow_date() + dt.timedelta(days=5),
        closes_on=moscow_date() + dt.timedelta(days=40),
    )
    page = signed_in(client, owner).get("/en/support/for-me/")
    not_now = section(page, "not-title")
    assert f"/support/measures/{later.pk}/" in not_now
    assert "the next window opens on" in not_now
    assert reverse("support:apply", args=[later.pk, organization.pk]) not in text(page)


def test_measures_for_another_of_my_organizations_and_not_for_a_strangers(client, participant):
    organization, owner = participant
    second = OrganizationFactory(short_name="ООО Второе")
    second.memberships.create(user=owner, role="owner")
    signed_in(client, owner)
    page = client.get("/en/support/for-me/", {"organization": second.pk})
    assert page.status_code == 200
    assert "What ООО Второе can apply to" in text(page)
    assert f'<option value="{second.pk}" selected>' in text(page)
    stranger = OrganizationFactory()
    assert client.get("/en/support/for-me/", {"organization": stranger.pk}).status_code == 404
    assert client.get("/en/support/for-me/", {"organization": "abc"}).status_code == 404


def test_a_viewer_does_not_apply_for_the_organization(client, participant):
    organization, _owner = participant
    viewer = member_of(organization, "viewer")
    page = signed_in(client, viewer).get("/en/support/for-me/")
    assert "You do not apply on behalf of any organization yet." in text(page)
    assert client.get("/en/support/for-me/", {"organization": organization.pk}).status_code == 404


def test_measures_for_me_needs_a_sign_in(client):
    page = client.get("/en/support/for-me/")
    assert page.status_code == 302 and "/login/" in page.url


def test_measures_for_me_costs_the_same_queries_for_one_measure_or_many(client, participant):
    _organization, owner = participant
    signed_in(client, owner)
    a_measure()
    cache.clear()  # what an earlier request cached would hide what a page costs
    with CaptureQueriesContext(connection) as few:
        client.get("/en/support/for-me/")
    for _n in range(5):
        a_measure(min_company_age_years=100)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/en/support/for-me/")
    assert len(few) == len(many), [q["sql"] for q in many]


# --- a measure ------------------------------------------------------------------------------


def test_a_measure_shows_its_rules(client):
    measure = a_measure(
        rules=[("equipment", "domestic", "share", D("50"), None, D("1000000.00")),
               ("patent_ru", "any", "fixed", None, D("75000.00"))],
        cap_per_application=D("5000000.00"), advance_percent=D("25"), yearly_tranches=3,
        documents=("Бизнес-план",), criteria=(("Эффект", 3),),
    )  # fmt: skip
    page = client.get(f"/en/support/measures/{measure.pk}/")
    rules = section(page, "rules-title")
    assert "<td>Equipment</td><td>domestic</td>" in rules
    assert "50% of the cost" in rules and "1,000,000.00 ₽" in rules
    assert "up to 75,000.00 ₽ per item" in rules
    assert "5,000,000.00 ₽" in rules
    assert "25% in advance, the rest over 3 years" in rules
    assert "Бизнес-план" in rules and "weight 3" in rules


def test_a_measure_checks_each_of_my_organizations_and_offers_to_apply(client, measure):
    organization, owner = a_participant(short_name="ООО Участник")
    newcomer = OrganizationFactory(short_name="ООО Новичок")
    newcomer.memberships.create(user=owner, role="owner")
    page = signed_in(client, owner).get(f"/en/support/measures/{measure.pk}/")
    who = section(page, "who-title")
    assert reverse("support:apply", args=[measure.pk, organization.pk]) in who
    assert reverse("support:apply", args=[measure.pk, newcomer.pk]) not in who
    newcomer_card = who.split("ООО Новичок", 1)[1]
    assert "not met:</span>\n    Status: cluster participant" in newcomer_card
    assert "Apply for the status" in newcomer_card


def test_no_apply_button_when_no_call_is_open(client, measure, participant):
    _organization, owner = participant
    measure.calls.update(closes_on=moscow_date() - dt.timedelta(days=1))
    page = signed_in(client, owner).get(f"/en/support/measures/{measure.pk}/")
    assert "Applications are not accepted now" in text(page)
    assert "/apply/" not in text(page)


def test_anyone_reads_a_measure_and_is_asked_to_sign_in_to_apply(client, measure):
    page = client.get(f"/en/support/measures/{measure.pk}/")
    assert page.status_code == 200
    assert "Status: participant" in section(page, "who-title")
    assert "/apply/" not in text(page) and "/login/" in text(page)


def test_unknown_and_unpublished_measures_are_404(client):
    hidden = a_measure(is_published=False)
    assert client.get(f"/en/support/measures/{hidden.pk}/").status_code == 404
    assert client.get("/en/support/measures/999999/").status_code == 404


# --- applying -------------------------------------------------------------------------------


def test_apply_opens_a_draft_and_leads_to_it(client, measure, participant):
    organization, owner = participant
    signed_in(client, owner)
    assert (
        client.get(reverse("support:apply", args=[measure.pk, organization.pk])).status_code == 405
    )
    opened = client.post(reverse("support:apply", args=[measure.pk, organization.pk]))
    application = GrantApplication.objects.get()
    assert opened.status_code == 302
    assert opened.url == reverse("support:application", args=[application.case_id])
    page = client.get(opened.url)
    assert page.status_code == 200
    assert "A draft is ready" in text(page)
    assert f'value="{owner.email}"' in text(page)  # the contact comes from the profile


def test_apply_when_not_eligible_says_why_and_opens_nothing(client, measure, newcomer):
    organization, owner = newcomer
    refused = signed_in(client, owner).post(
        reverse("support:apply", args=[measure.pk, organization.pk]), follow=True
    )
    assert refused.redirect_chain[-1][0] == reverse("support:measure", args=[measure.pk])
    assert "does not meet the measure&#x27;s conditions" in text(refused)
    assert not GrantApplication.objects.exists()


def test_apply_after_the_call_closed_says_so(client, measure, participant):
    organization, owner = participant
    measure.calls.update(closes_on=moscow_date() - dt.timedelta(days=1))
    refused = signed_in(client, owner).post(
        reverse("support:apply", args=[measure.pk, organization.pk]), follow=True
    )
    assert "Applications to this measure are not accepted now." in text(refused)
    assert not GrantApplication.objects.exists()


def test_apply_for_an_organization_that_is_not_mine_is_404(client, measure, participant):
    organization, _owner = participant
    for user in (member_of(organization, "viewer"), member_of(OrganizationFactory(), "owner")):
        signed_in(client, user)
        url = reverse("support:apply", args=[measure.pk, organization.pk])
        assert client.post(url).status_code == 404
    assert not GrantApplication.objects.exists()


# --- the application ------------------------------------------------------------------------


@pytest.fixture
def empty_draft(client, measure, participant):
    """A draft just opened through the page, with the owner signed in."""
    organization, owner = participant
    signed_in(client, owner)
    client.post(reverse("support:apply", args=[measure.pk, organization.pk]))
    return GrantApplication.objects.get()


def a_cost(**fields):
    return {
        "description": "Фрезерный станок",
        "category": "equipment",
        "origin": "domestic",
        "amount": "1000000.01",
        "document": pdf_file("invoice.pdf"),
        **fields,
    }


def test_save_the_draft(client, empty_draft):
    url = reverse("support:application", args=[empty_draft.case_id])
    saved = client.post(
        url,
        {"purpose": "Станок с ЧПУ", "contact_name": "Анна", "contact_phone": "+7 495 000-00-00",
         "contact_email": "anna@example.ru"},
    )  # fmt: skip
    assert saved.status_code == 302
    empty_draft.refresh_from_db()
    assert (empty_draft.purpose, empty_draft.contact_phone) == ("Станок с ЧПУ", "+7 495 000-00-00")
    refused = client.post(url, {"purpose": "Другое", "contact_email": "not an e-mail"})
    assert refused.status_code == 400
    assert "Enter a valid email address." in text(refused)
    empty_draft.refresh_from_db()
    assert empty_draft.purpose == "Станок с ЧПУ"


def test_add_a_cost_and_see_the_computed_amount(client, empty_draft):
    case_id = empty_draft.case_id
    added = client.post(reverse("support:item_add", args=[case_id]), a_cost())
    assert added.status_code == 302
    client.post(
        reverse("support:item_add", args=[case_id]),
        a_cost(origin="imported", amount="333.33", description="Датчик"),
    )
    page = client.get(reverse("support:application", args=[case_id]))
    assert "What you can request, by the measure's rules" in text(page)
    assert "500,000.00" in text(page)  # 50% of 1,000,000.01 rounded down to the kopeck
    assert "116.66" in text(page)  # 35% of 333.33 = 116.6655, rounded down
    assert "<strong>500,116.66</strong>" in text(page)
    item = CostItem.objects.get(description="Датчик")
    download = client.get(reverse("support:item", args=[case_id, item.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_preview_names_the_cap_that_limits_the_request(client, participant):
    organization, owner = participant
    measure = a_measure(cap_per_application=D("100000.00"))
    signed_in(client, owner)
    client.post(reverse("support:apply", args=[measure.pk, organization.pk]))
    case_id = GrantApplication.objects.get().case_id
    client.post(reverse("support:item_add", args=[case_id]), a_cost())
    page = client.get(reverse("support:application", args=[case_id]))
    assert "Limited by cap per application: 100000.00 RUB" in text(page)
    assert "<strong>100,000.00</strong>" in text(page)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "greater than or equal to 0.01"),
        ("0", "greater than or equal to 0.01"),
        ("abc", "Enter a number."),
        ("12.345", "no more than 2 decimal places"),
        ("", "This field is required."),
    ],
)
def test_a_bad_amount_is_shown_on_the_form_and_nothing_is_added(
    client, empty_draft, amount, message
):
    refused = client.post(
        reverse("support:item_add", args=[empty_draft.case_id]), a_cost(amount=amount)
    )
    assert refused.status_code == 400
    assert 'id="id_amount_error"' in text(refused) and message in text(refused)
    assert not CostItem.objects.exists()


def test_a_category_or_origin_the_measure_does_not_cover_is_refused(client, participant):
    organization, owner = participant
    measure = a_measure(rules=[("equipment", "domestic", "share", D("50"), None)])
    signed_in(client, owner)
    client.post(reverse("support:apply", args=[measure.pk, organization.pk]))
    url = reverse("support:item_add", args=[GrantApplication.objects.get().case_id])
    uncovered = client.post(url, a_cost(category="salaries"))
    assert uncovered.status_code == 400
    assert "Select a valid choice." in text(uncovered)
    imported = client.post(url, a_cost(origin="imported"))
    assert imported.status_code == 400
    assert "This measure covers: equipment." in text(imported)
    assert not CostItem.objects.exists()


@pytest.mark.parametrize(
    "upload",
    [pdf_file("invoice.pdf", NOT_A_PDF), pdf_file("invoice.txt", b"plain text")],
    ids=["renamed image", "text"],
)
def test_a_cost_needs_a_real_pdf(client, empty_draft, upload):
    refused = client.post(
        reverse("support:item_add", args=[empty_draft.case_id]), a_cost(document=upload)
    )
    assert refused.status_code == 400
    assert 'id="id_document_error"' in text(refused)
    assert not CostItem.objects.exists()


def test_remove_a_cost(client, empty_draft):
    client.post(reverse("support:item_add", args=[empty_draft.case_id]), a_cost())
    item = CostItem.objects.get()
    removed = client.post(reverse("support:item_remove", args=[empty_draft.case_id, item.pk]))
    assert removed.status_code == 302
    assert not CostItem.objects.exists()
    again = client.post(reverse("support:item_remove", args=[empty_draft.case_id, item.pk]))
    assert again.status_code == 404


def test_attach_replace_and_remove_a_required_document(client, empty_draft):
    requirement = empty_draft.measure.required_documents.get()
    url = reverse("support:document_add", args=[empty_draft.case_id])
    assert client.post(url, {"requirement": requirement.pk, "file": pdf_file()}).status_code == 302
    replaced = client.post(url, {"requirement": requirement.pk, "file": pdf_file("v2.pdf")})
    assert replaced.status_code == 302
    document = ApplicationDocument.objects.get()
    assert document.file_name == "v2.pdf"
    page = client.get(reverse("support:application", args=[empty_draft.case_id]))
    assert reverse("support:document", args=[empty_draft.case_id, document.pk]) in text(page)
    download = client.get(reverse("support:document", args=[empty_draft.case_id, document.pk]))
    assert download.status_code == 200
    remove = reverse("support:document_remove", args=[empty_draft.case_id, document.pk])
    assert client.post(remove).status_code == 302
    assert not ApplicationDocument.objects.exists()


def test_a_bad_document_is_refused(client, empty_draft):
    url = reverse("support:document_add", args=[empty_draft.case_id])
    requirement = empty_draft.measure.required_documents.get()
    not_pdf = client.post(
        url, {"requirement": requirement.pk, "file": pdf_file("a.pdf", NOT_A_PDF)}
    )
    assert not_pdf.status_code == 400 and 'id="id_file_error"' in text(not_pdf)
    other = a_measure().required_documents.get()
    foreign = client.post(url, {"requirement": other.pk, "file": pdf_file()})
    assert foreign.status_code == 400 and 'id="id_requirement_error"' in text(foreign)
    assert client.post(url, {"requirement": requirement.pk}).status_code == 400
    assert not ApplicationDocument.objects.exists()


def test_submit_lists_every_missing_item_then_succeeds(client, empty_draft):
    case_id = empty_draft.case_id
    refused = client.post(reverse("reviews:submit", args=[case_id]), follow=True)
    messages = text(refused).split('class="messages"', 1)[1].split("</ul>", 1)[0]
    assert "Say what the support is for." in messages
    assert "Add at least one cost with its supporting document." in messages
    assert "Attach: Договор." in messages
    assert messages.count('class="message error"') >= 3
    empty_draft.case.refresh_from_db()
    assert empty_draft.case.status == "draft"

    client.post(
        reverse("support:application", args=[case_id]),
        {"purpose": "Станок", "contact_name": "Анна", "contact_phone": "+7 495 000-00-00",
         "contact_email": "anna@example.ru"},
    )  # fmt: skip
    client.post(reverse("support:item_add", args=[case_id]), a_cost())
    requirement = empty_draft.measure.required_documents.get()
    client.post(
        reverse("support:document_add", args=[case_id]),
        {"requirement": requirement.pk, "file": pdf_file()},
    )
    done = client.post(reverse("reviews:submit", args=[case_id]), follow=True)
    assert "Submitted." in text(done)
    empty_draft.refresh_from_db()
    assert empty_draft.case.status == "submitted"
    assert empty_draft.requested_amount == D("500000.00")
    assert "The amount as submitted" in text(done)
    assert "Add a cost" not in text(done)  # nothing changes once submitted
    late = client.post(reverse("support:item_add", args=[case_id]), a_cost())  # a stale tab
    assert late.status_code == 409
    assert "is submitted and can no longer be changed" in text(late)
    assert CostItem.objects.count() == 1


def test_withdraw_a_submitted_application(client, draft):
    signed_in(client, draft.case.created_by)
    submitted(draft)
    done = client.post(reverse("reviews:withdraw", args=[draft.case_id]), follow=True)
    assert "The application is withdrawn." in text(done)
    draft.case.refresh_from_db()
    assert draft.case.status == "withdrawn"


def test_the_fund_asks_for_more_and_the_applicant_completes_and_sends_it_back(client, draft):
    owner = draft.case.created_by
    submitted(draft)
    reviews.case_decide(
        case=draft.case, reviewer=reviewer(), decision="request_info",
        reason="Приложите счёт на датчик",
    )  # fmt: skip
    signed_in(client, owner)
    page = client.get(reverse("support:application", args=[draft.case_id]))
    assert "The fund asks for more information:" in text(page)
    assert "Приложите счёт на датчик" in text(page)
    added = client.post(
        reverse("support:item_add", args=[draft.case_id]),
        a_cost(origin="imported", amount="200000.00", description="Датчик"),
    )
    assert added.status_code == 302
    back = client.post(
        reverse("reviews:resubmit", args=[draft.case_id]), {"message": "Счёт приложен"}, follow=True
    )
    assert "Sent back to the fund" in text(back)
    draft.refresh_from_db()
    assert draft.case.status == "resubmitted"
    assert draft.requested_amount == D("570000.00")  # the new cost counts after resubmission


def test_another_organizations_application_and_files_are_404(client, draft):
    case_id = draft.case_id
    item, document = draft.items.get(), draft.documents.get()
    signed_in(client, member_of(OrganizationFactory(), "owner"))
    for url in [
        reverse("support:application", args=[case_id]),
        reverse("support:item", args=[case_id, item.pk]),
        reverse("support:document", args=[case_id, document.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        reverse("support:application", args=[case_id]),
        reverse("support:item_add", args=[case_id]),
        reverse("support:item_remove", args=[case_id, item.pk]),
        reverse("support:document_add", args=[case_id]),
        reverse("support:document_remove", args=[case_id, document.pk]),
        reverse("reviews:submit", args=[case_id]),
        reverse("reviews:withdraw", args=[case_id]),
        reverse("support:score", args=[case_id]),
        reverse("support:cut", args=[case_id, item.pk]),
    ]:
        assert client.post(url).status_code == 404, url
    draft.case.refresh_from_db()
    assert draft.case.status == "draft" and draft.items.count() == 1


def test_a_viewer_reads_the_application_but_cannot_change_it(client, draft):
    viewer = member_of(draft.case.organization, "viewer")
    signed_in(client, viewer)
    page = client.get(reverse("support:application", args=[draft.case_id]))
    assert page.status_code == 200
    assert "Add a cost" not in text(page) and "Submit to the fund" not in text(page)
    refused = client.post(reverse("support:item_add", args=[draft.case_id]), a_cost())
    assert refused.status_code == 404
    assert draft.items.count() == 1


# --- the reviewer ---------------------------------------------------------------------------


@pytest.fixture
def case_page(client, measure, participant):
    """A submitted application of 1,000,000 domestic and 200,000 imported costs, two weighted
    criteria, and a reviewer signed in."""
    measure.criteria.update(weight=3)
    measure.criteria.create(title_ru="Рабочие места", title_en="Jobs", weight=1)
    organization, owner = participant
    application = submitted(
        a_draft(measure, organization, owner,
                items=[(D("1000000.00"), "domestic"), (D("200000.00"), "imported")])
    )  # fmt: skip
    signed_in(client, reviewer())
    return application


def test_the_case_page_shows_the_application_with_scoring_and_cuts(client, case_page):
    page = client.get(reverse("reviews:case", args=[case_page.case_id]))
    assert page.status_code == 200
    assert "Станок с ЧПУ для нового цеха" in text(page)
    assert "The amount on the costs accepted so far" in text(page)
    assert "<strong>570,000.00</strong>" in text(page)  # 50% of 1,000,000 + 35% of 200,000
    for item in case_page.items.all():
        assert reverse("support:cut", args=[case_page.case_id, item.pk]) in text(page)
        assert reverse("support:item", args=[case_page.case_id, item.pk]) in text(page)
    assert text(page).count(f'action="{reverse("support:score", args=[case_page.case_id])}"') == 2
    document = case_page.documents.get()
    download = client.get(reverse("support:document", args=[case_page.case_id, document.pk]))
    assert download.status_code == 200


def test_scores_are_saved_and_bad_ones_refused(client, case_page):
    url = reverse("support:score", args=[case_page.case_id])
    effect, jobs = case_page.measure.criteria.all()
    done = client.post(url, {"criterion": effect.pk, "score": "9", "comment": "Сильно"})
    assert done.status_code == 302 and done.url == reverse("reviews:case", args=[case_page.case_id])
    for bad in ({"criterion": jobs.pk, "score": "11"}, {"criterion": jobs.pk, "score": "ten"},
                {"criterion": 999999, "score": "5"}, {"criterion": "x", "score": "5"}):  # fmt: skip
        refused = client.post(url, bad, follow=True)
        assert 'class="message error"' in text(refused), bad
    assert list(Score.objects.values_list("criterion", "score")) == [(effect.pk, 9)]
    client.post(url, {"criterion": jobs.pk, "score": "5"})
    page = client.get(reverse("reviews:case", args=[case_page.case_id]))
    assert "weighted score 8.00 of 10" in text(page)  # (9·3 + 5·1) / 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"accepted_amount": "abc", "reason": "x"}, "Enter a number."),
        ({"accepted_amount": "-1", "reason": "x"}, "greater than or equal to 0"),
        ({"accepted_amount": "1.234", "reason": "x"}, "no more than 2 decimal places"),
        ({"accepted_amount": "2000000.00", "reason": "x"}, "at most the claimed amount"),
        ({"accepted_amount": "600000.00", "reason": ""}, "Give the reason for the cut."),
    ],
)
def test_a_bad_cut_is_refused_with_the_reason(client, case_page, data, message):
    item = case_page.items.get(origin="domestic")
    refused = client.post(
        reverse("support:cut", args=[case_page.case_id, item.pk]), data, follow=True
    )
    assert message in text(refused)
    item.refresh_from_db()
    assert item.accepted_amount is None


def test_a_cut_then_approval_awards_on_the_accepted_costs(client, case_page):
    case_id = case_page.case_id
    domestic = case_page.items.get(origin="domestic")
    cut = client.post(
        reverse("support:cut", args=[case_id, domestic.pk]),
        {"accepted_amount": "600000.00", "reason": "Часть уже оплачена"},
        follow=True,
    )
    assert "The accepted amount is saved." in text(cut)
    assert "<strong>370,000.00</strong>" in text(cut)
    refused = client.post(reverse("reviews:decide", args=[case_id]), {"decision": "approve"})
    assert refused.status_code == 400 and "Score every criterion first" in text(refused)
    assert not Award.objects.exists()
    for criterion in case_page.measure.criteria.all():
        client.post(
            reverse("support:score", args=[case_id]), {"criterion": criterion.pk, "score": 8}
        )
    approved = client.post(reverse("reviews:decide", args=[case_id]), {"decision": "approve"})
    assert approved.status_code == 302
    award = Award.objects.get(application=case_page)
    assert award.amount == D("370000.00")

    # The applicant sees the cut with its reason and the way to the award
    signed_in(client, case_page.case.created_by)
    page = client.get(reverse("support:application", args=[case_id]))
    assert "Часть уже оплачена" in text(page)
    assert reverse("support:award", args=[award.pk]) in text(page)
    assert "Awarded 370,000.00 ₽" in text(page)
    # and nobody scores or cuts a decided case any more
    signed_in(client, reviewer())
    late = client.post(
        reverse("support:cut", args=[case_id, domestic.pk]),
        {"accepted_amount": "1.00", "reason": "поздно"},
        follow=True,
    )
    assert "it is not under review" in text(late)
    domestic.refresh_from_db()
    assert domestic.accepted_amount == D("600000.00")


def test_the_applicant_cannot_score_or_cut_their_own_application(client, case_page):
    owner = case_page.case.created_by
    signed_in(client, owner)
    item = case_page.items.first()
    criterion = case_page.measure.criteria.first()
    url = reverse("support:score", args=[case_page.case_id])
    assert client.post(url, {"criterion": criterion.pk, "score": 10}).status_code == 404
    cut = reverse("support:cut", args=[case_page.case_id, item.pk])
    assert client.post(cut, {"accepted_amount": "1.00", "reason": "x"}).status_code == 404
    assert not Score.objects.exists()


def test_a_reviewer_who_belongs_to_the_company_sees_no_scoring_forms(client, case_page):
    insider = reviewer()
    case_page.case.organization.memberships.create(user=insider, role="viewer")
    signed_in(client, insider)
    page = client.get(reverse("reviews:case", args=[case_page.case_id]))
    assert "another reviewer must decide" in text(page)
    assert reverse("support:score", args=[case_page.case_id]) not in text(page)
    criterion = case_page.measure.criteria.first()
    refused = client.post(
        reverse("support:score", args=[case_page.case_id]),
        {"criterion": criterion.pk, "score": 10},
        follow=True,
    )
    assert "another reviewer must decide" in text(refused)
    assert not Score.objects.exists()


def test_my_organizations_to_apply_for_follow_my_memberships(client, participant):
    # Read from the query cache, keyed by the person (issue 18): a role given or taken away
    # shows on the next request, and nobody else's organizations ever do.
    organization, owner = participant
    second = OrganizationFactory(short_name="ООО Второе")
    signed_in(client, owner)
    assert "ООО Второе" not in text(client.get("/en/support/for-me/"))
    membership = second.memberships.create(user=owner, role="viewer")
    assert "ООО Второе" not in text(client.get("/en/support/for-me/"))  # a viewer does not apply
    membership.role = "owner"
    membership.save()
    assert "ООО Второе" in text(client.get("/en/support/for-me/"))
    other = member_of(OrganizationFactory(short_name="ООО Чужое"), "owner")
    assert "ООО Чужое" not in text(signed_in(client, owner).get("/en/support/for-me/"))
    assert "ООО Чужое" in text(signed_in(client, other).get("/en/support/for-me/"))
    membership.delete()
    assert "ООО Второе" not in text(signed_in(client, owner).get("/en/support/for-me/"))
