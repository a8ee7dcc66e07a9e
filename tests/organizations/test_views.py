import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils.html import escape

import innocluster
from innocluster.platform.accounts.errors import AccountErrorCode
from innocluster.platform.organizations.errors import OrganizationErrorCode as Code
from innocluster.platform.organizations.models import Organization
from tests.factories import OrganizationFactory, UserFactory, company_inn, member_of
from tests.organizations.test_services import png

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    return {
        "kind": "legal_entity",
        "inn": company_inn(321),
        "ogrn": "1027700132195",
        "full_name": "ООО Пример",
        "short_name": "Пример",
        "region": "77",
        "legal_address": "Москва",
        "org_type": "startup",
        **overrides,
    }


def test_register_through_the_page(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("organizations:register"), form_data(logo=png()))
    organization = Organization.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("organizations:detail", kwargs={"pk": organization.pk})
    page = client.get(response.url).content.decode()
    assert "Пример" in page and organization.inn in page
    logo = client.get(reverse("organizations:logo", kwargs={"pk": organization.pk}))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"


def test_duplicate_inn_offers_to_request_membership(client):
    existing = OrganizationFactory(inn=company_inn(321))
    client.force_login(UserFactory())
    response = client.post(reverse("organizations:register"), form_data())
    assert response.status_code == 409
    assert response.context["form"].has_error(NON_FIELD_ERRORS, Code.ORGANIZATION_EXISTS)
    assert reverse("organizations:request_membership", kwargs={"pk": existing.pk}) in (
        response.content.decode()
    )


def test_a_refusal_by_a_rule_is_shown_on_the_form_with_its_status(client):
    # Given a person whose e-mail is not confirmed yet
    client.force_login(UserFactory(email_confirmed_at=None))
    # When they register an organization, then the page says why, with the service's 403
    response = client.post(reverse("organizations:register"), form_data())
    assert response.status_code == 403
    assert response.context["form"].has_error(NON_FIELD_ERRORS, AccountErrorCode.UNCONFIRMED)
    assert Organization.objects.count() == 0


def test_the_last_owner_leaving_is_told_why_not(client, organization, owner):
    client.force_login(owner)
    membership = organization.memberships.get(user=owner)
    kwargs = {"pk": organization.pk, "membership_pk": membership.pk}
    url = reverse("organizations:member_remove", kwargs=kwargs)
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0].endswith(
        reverse("organizations:members", kwargs={"pk": organization.pk})
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert organization.memberships.filter(user=owner, role="owner").exists()


def test_wrong_checksum_shows_the_error_on_the_form(client):
    client.force_login(UserFactory())
    response = client.post(reverse("organizations:register"), form_data(inn="7707083894"))
    assert response.status_code == 400
    assert response.context["form"].errors["inn"]
    assert Organization.objects.count() == 0


def test_html_in_descriptions_is_shown_escaped(client):
    organization = OrganizationFactory(description_ru='<script>alert("x")</script><b>жирный</b>')
    page = client.get(
        reverse("organizations:detail", kwargs={"pk": organization.pk})
    ).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_editing_another_organization_is_404(client):
    target = OrganizationFactory()
    client.force_login(member_of(OrganizationFactory()))
    assert client.get(reverse("organizations:edit", kwargs={"pk": target.pk})).status_code == 404
    response = client.post(
        reverse("organizations:edit", kwargs={"pk": target.pk}), {"short_name": "X"}
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.short_name != "X"


def test_edit_page_saves_changes(client, organization, owner):
    client.force_login(owner)
    data = {
        "full_name": organization.full_name,
        "short_name": "Новое имя",
        "region": "77",
        "legal_address": organization.legal_address,
        "org_type": "it_company",
        "headcount": 30,
    }
    response = client.post(reverse("organizations:edit", kwargs={"pk": organization.pk}), data)
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.short_name == "Новое имя"


def test_members_page_is_for_members(client, organization, owner):
    client.force_login(UserFactory())
    assert (
        client.get(reverse("organizations:members", kwargs={"pk": organization.pk})).status_code
        == 404
    )
    client.force_login(owner)
    assert (
        client.get(reverse("organizations:members", kwargs={"pk": organization.pk})).status_code
        == 200
    )


def test_the_old_list_moves_to_the_directory_for_good_with_its_filters(client):
    # The one catalogue of organizations is the directory (issue 16): the old list's address
    # and query strings, bookmarked or in old e-mails, land on the same filters there.
    response = client.get(
        "/en/organizations/",
        [
            ("q", "робот"),
            ("kind", "sole_proprietor"),
            ("org_type", "it_company"),
            ("org_type", "university"),
            ("region", "77"),
            ("industry", "robotics"),
            ("technology", "ai"),
            ("headcount", "small"),
            ("ordering", "-created"),
            ("page", "2"),
            ("utm_source", "mail"),
        ],
    )
    assert response.status_code == 301
    target = urlsplit(response["Location"])
    assert target.path == "/en/directory/"
    assert parse_qs(target.query) == {
        "q": ["робот"],
        "kind": ["sole_proprietor"],
        "org_type": ["it_company", "university"],
        "region": ["77"],
        "industry": ["robotics"],
        "technology": ["ai"],
        "headcount": ["small"],
        "page": ["2"],
        "sort": ["newest"],
    }


@pytest.mark.parametrize(
    ("ordering", "sort"),
    [("name", ["name"]), ("-name", ["name"]), ("-created", ["newest"]), ("founded", None)],
)
def test_the_old_lists_sort_orders_become_the_directorys_nearest(client, ordering, sort):
    response = client.get("/organizations/", {"ordering": ordering})
    assert response.status_code == 301
    assert parse_qs(urlsplit(response["Location"]).query).get("sort") == sort


def test_the_old_list_without_filters_moves_to_the_bare_directory(client):
    response = client.get("/organizations/")
    assert response.status_code == 301 and response["Location"] == "/directory/"


def test_no_template_links_to_the_old_list():
    templates = Path(innocluster.__file__).parent.rglob("templates/**/*.*")
    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert "organizations:list" not in text and "organizations:moved_list" not in text, template
        assert not re.search(r"""href="(/[a-z]{2})?/organizations/["?]""", text), template


def test_the_readme_names_one_catalogue_of_organizations():
    readme = (Path(innocluster.__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!api/v1)/organizations/[`?)\s]", readme)


def test_an_invitation_is_accepted_from_the_dashboard(client, organization, owner):
    from innocluster.platform.organizations.services import invitation_create

    invitation = invitation_create(
        organization=organization, email="new@example.ru", role="editor", actor=owner
    )
    invitee = UserFactory(email="new@example.ru")
    client.force_login(invitee)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert escape(organization.short_name) in dashboard
    url = reverse("organizations:invitation_accept_mine", kwargs={"invitation_pk": invitation.pk})
    # Someone else cannot accept it, even knowing its number.
    client.force_login(UserFactory())
    assert client.post(url).status_code == 404
    client.force_login(invitee)
    assert client.post(url).status_code == 302
    assert organization.memberships.get(user=invitee).role == "editor"


def test_owners_hear_of_requests_and_the_person_of_the_decision(
    client, organization, owner, mailoutbox, django_capture_on_commit_callbacks
):
    from innocluster.platform.organizations import services

    person = UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        request = services.membership_request_create(
            organization=organization, user=person, message="Я наш CTO"
        )
    assert [m.to for m in mailoutbox] == [[owner.email]]
    assert "Я наш CTO" in mailoutbox[0].body
    assert f"/organizations/{organization.pk}/members/" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_request_decide(membership_request=request, actor=owner, approve=True)
    assert mailoutbox[1].to == [person.email]
    assert mailoutbox[1].subject.startswith("You are now a member of")


def test_the_history_of_changes_reads_as_words(client, organization, owner):
    from innocluster.platform.organizations import services

    services.organization_update(organization=organization, actor=owner, headcount=99)
    client.force_login(owner)
    page = client.get(f"/en/organizations/{organization.pk}/audit/").content.decode()
    assert "changed the profile" in page
    assert "headcount</strong>: 25 → 99" in page
    assert "organization.updated" not in page


def test_the_dashboard_shows_my_own_role(client, organization, owner):
    viewer = member_of(organization, "viewer")
    member_of(organization, "editor")
    client.force_login(viewer)
    (mine,) = client.get("/en/accounts/").context["organizations"]
    assert (mine.pk, mine.my_role) == (organization.pk, "viewer")


def test_the_history_shows_labels_not_the_codes_it_recorded(client, organization, owner):
    """A choice is recorded as its code and a flag as true/false; the page shows their words."""
    from tests.facilities.helpers import make_facility
    from tests.factories import with_status
    from tests.ipregistry.helpers import register

    make_facility(organization=organization, operator=owner)
    register(with_status(organization), owner)
    client.force_login(owner)
    page = client.get(f"/organizations/{organization.pk}/audit/").content.decode()
    assert "</strong>: лаборатория<" in page and "</strong>: изобретение<" in page
    assert "файл сохранён</strong>: нет<" in page
    # Names recorded beside the model's fields have words too; a recorded object its values.
    assert "правообладатели</strong>: ООО &quot;Кристалл&quot; · 60.00, " in page
    for code in ("laboratory", "invention", "False"):
        assert f"</strong>: {code}<" not in page
    assert "file kept" not in page and "'share'" not in page


def test_a_bare_domain_is_a_website_with_https(client):
    """«kaspersky.ru» is what people type: a text box (type=url would refuse it in the browser
    with no word of help), and the form adds the scheme."""
    client.force_login(UserFactory())
    form = client.get(reverse("organizations:register")).content.decode()
    response = client.post(reverse("organizations:register"), form_data(website="kaspersky.ru"))

    assert 'type="url"' not in form and 'name="website"' in form
    assert response.status_code == 302
    assert Organization.objects.get().website == "https://kaspersky.ru"


def test_a_website_that_is_no_address_is_refused_on_its_field(client):
    client.force_login(UserFactory())
    response = client.post(reverse("organizations:register"), form_data(website="not a site"))

    assert response.status_code == 400
    assert response.context["form"].has_error("website")
    assert not Organization.objects.exists()


@pytest.mark.parametrize(("inn_region", "region"), [("78", "78"), ("50", "50"), ("81", "59")])
def test_a_region_left_empty_is_taken_from_the_inn(client, inn_region, region):
    client.force_login(UserFactory())
    data = form_data(inn=company_inn(321, region=inn_region), region="")

    response = client.post(reverse("organizations:register"), data)

    assert response.status_code == 302
    assert Organization.objects.get().region == region


def test_a_region_chosen_by_hand_wins_over_the_inn(client):
    client.force_login(UserFactory())
    data = form_data(inn=company_inn(321, region="78"), region="47")

    client.post(reverse("organizations:register"), data)

    assert Organization.objects.get().region == "47"


def test_an_inn_that_names_no_region_asks_for_one(client):
    client.force_login(UserFactory())
    data = form_data(inn=company_inn(321, region="99"), region="")

    response = client.post(reverse("organizations:register"), data)

    assert response.status_code == 400
    assert response.context["form"].has_error("region")


def test_editing_with_the_region_emptied_takes_it_from_the_inn(client):
    organization = OrganizationFactory(inn=company_inn(5, region="78"), region="77")
    client.force_login(member_of(organization, role="owner"))
    data = {
        "full_name": organization.full_name,
        "short_name": organization.short_name,
        "region": "",
        "legal_address": organization.legal_address,
        "org_type": organization.org_type,
    }

    response = client.post(reverse("organizations:edit", kwargs={"pk": organization.pk}), data)

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.region == "78"


def test_the_dashboard_finds_invitations_by_address_not_by_walking_organizations(db):
    # Given a person and organizations (SQLite's planner, with no statistics for invitations,
    # walked every organization probing the one-pending-per-address index: 7 ms at 35,000)
    from django.db import connection

    from innocluster.platform.organizations.selectors import invitations_for_user

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's plan; PostgreSQL plans by its own statistics")
    OrganizationFactory.create_batch(3)
    # When the dashboard's query is planned
    plan = invitations_for_user(user=UserFactory()).explain()
    # Then the invitations are searched by their address first
    assert "USING INDEX pending_invitation_email" in plan, plan
    assert "SCAN" not in plan, plan
