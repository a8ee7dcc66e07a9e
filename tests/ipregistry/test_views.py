import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from innocluster.ipregistry.models import IPObject
from innocluster.ledger.selectors import ledger_size
from tests.factories import OrganizationFactory, UserFactory, member_of
from tests.ipregistry.helpers import WORK, WORK_SHA256, register, work_file

pytestmark = pytest.mark.django_db


def register_url() -> str:
    """Reversed in the test, under English: pages answer in the language of their URL."""
    return reverse("ipregistry:register")


def form_data(organization, **overrides) -> dict:
    rows = [('ООО "Кристалл"', "", "33,33"), ("Иванова А. П.", organization.inn, "66.67")]
    data = {
        "organization": organization.pk,
        "title": "Способ выращивания сапфира",
        "kind": "invention",
        "description": "",
        "work_sha256": WORK_SHA256,
        "rightholders-TOTAL_FORMS": "5",
        "rightholders-INITIAL_FORMS": "0",
        "rightholders-MIN_NUM_FORMS": "0",
        "rightholders-MAX_NUM_FORMS": "20",
    }
    for n in range(5):
        name, inn, share = rows[n] if n < len(rows) else ("", "", "")
        data |= {
            f"rightholders-{n}-name": name,
            f"rightholders-{n}-inn": inn,
            f"rightholders-{n}-share": share,
        }
    return data | overrides


def test_the_register_page_offers_my_organizations_and_empty_rightholder_rows(client):
    mine, edited, viewed = OrganizationFactory(), OrganizationFactory(), OrganizationFactory()
    user = member_of(mine, "owner")
    member_of(edited, "owner")
    edited.memberships.create(user=user, role="editor")
    viewed.memberships.create(user=user, role="viewer")
    client.force_login(user)
    response = client.get(register_url(), {"organization": edited.pk})
    assert response.status_code == 200
    choices = {o.pk for o in response.context["form"].fields["organization"].queryset}
    assert choices == {mine.pk, edited.pk}
    assert response.context["formset"].total_form_count() == 5
    page = response.content.decode()
    assert 'name="rightholders-4-share"' in page and "data-sha256-file" in page
    assert f'<option value="{edited.pk}" selected>' in page
    assert "/static/ipregistry/sha256.js" in page and "<script>" not in page


def test_the_page_tells_a_person_without_an_organization_what_to_do(client):
    client.force_login(UserFactory())
    response = client.get(register_url())
    assert response.status_code == 200 and not response.context["can_register"]
    assert reverse("organizations:register") in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(register_url())
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_register_with_the_hash_from_the_browser(client, organization, owner):
    client.force_login(owner)
    response = client.post(register_url(), form_data(organization), HTTP_ACCEPT_LANGUAGE="ru")
    ip_object = IPObject.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("ipregistry:detail", kwargs={"pk": ip_object.pk})
    holders = list(ip_object.rightholders.values_list("name", "share", "organization"))
    assert [(n, str(s), o) for n, s, o in holders] == [
        ('ООО "Кристалл"', "33.33", None),
        ("Иванова А. П.", "66.67", organization.pk),
    ]
    assert not ip_object.file and ledger_size() == 1


def test_without_javascript_the_upload_is_hashed_and_discarded(client, organization, owner):
    client.force_login(owner)
    data = form_data(organization, work_sha256="", file=work_file())
    assert client.post(register_url(), data).status_code == 302
    ip_object = IPObject.objects.get()
    assert ip_object.work_sha256 == WORK_SHA256 and not ip_object.file


def test_the_file_is_kept_when_asked_and_served_to_members_only(client, organization, owner):
    client.force_login(owner)
    data = form_data(organization, file=work_file(), keep_file="on")
    assert client.post(register_url(), data).status_code == 302
    ip_object = IPObject.objects.get()
    file_url = reverse("ipregistry:file", kwargs={"pk": ip_object.pk})
    assert (
        file_url
        in client.get(reverse("ipregistry:detail", kwargs={"pk": ip_object.pk})).content.decode()
    )
    response = client.get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == WORK
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="sapphire.pdf"'
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (lambda organization: member_of(organization, "viewer"), 200),
        (lambda organization: UserFactory(staff_role="admin"), 200),
        (lambda organization: member_of(OrganizationFactory(), "owner"), 404),
        (lambda organization: UserFactory(), 404),
        (lambda organization: None, 404),
    ],
    ids=["member", "fund staff", "owner of another", "stranger", "anonymous"],
)
def test_the_file_view_checks_who_asks(client, organization, owner, who, status):
    ip_object = register(organization, owner, upload=work_file(), keep_file=True)
    user = who(organization)
    if user:
        client.force_login(user)
    url = reverse("ipregistry:file", kwargs={"pk": ip_object.pk})
    assert client.get(url).status_code == status
    page = client.get(reverse("ipregistry:detail", kwargs={"pk": ip_object.pk})).content.decode()
    assert (url in page) == (status == 200)


def test_errors_show_on_the_form_and_nothing_is_written(client, organization, owner):
    client.force_login(owner)
    data = form_data(organization, work_sha256="zz", **{"rightholders-1-share": "60"})
    response = client.post(register_url(), data)
    assert response.status_code == 400
    assert response.context["form"].errors["work_sha256"]
    assert "93.33%" in " ".join(response.context["rightholder_errors"])
    assert IPObject.objects.count() == 0 and ledger_size() == 0


def test_a_bad_share_or_an_unknown_inn_is_shown_on_its_row(client, organization, owner):
    client.force_login(owner)
    data = form_data(
        organization, **{"rightholders-0-share": "1,234", "rightholders-1-inn": "7700000000"}
    )
    response = client.post(register_url(), data)
    assert response.status_code == 400
    formset = response.context["formset"]
    assert formset.forms[0].errors["share"] and formset.forms[1].errors["inn"]
    assert IPObject.objects.count() == 0


def test_one_cannot_register_for_an_organization_one_does_not_edit(client, organization):
    client.force_login(member_of(organization, "viewer"))
    response = client.post(register_url(), form_data(organization))
    assert response.status_code == 400 and response.context["form"].errors["organization"]
    assert IPObject.objects.count() == 0


def test_the_certificate_shows_the_facts_and_its_ledger_entry_escaped(client, organization, owner):
    ip_object = register(
        organization,
        owner,
        title='<script>alert("x")</script> Сапфир',
        description="<b>жирный</b>",
    )
    response = client.get(reverse("ipregistry:detail", kwargs={"pk": ip_object.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)" in page
    assert "&lt;b&gt;жирный&lt;/b&gt;" in page
    assert WORK_SHA256 in page and "Иванова Анна Петровна" in page
    assert reverse("organizations:detail", kwargs={"pk": organization.pk}) in page
    assert reverse("ledger_api:entry", kwargs={"index": 0}) in page
    assert reverse("ledger_api:entry-proof", kwargs={"index": 0}) in page


def test_the_certificate_in_russian(client, organization, owner):
    ip_object = register(organization, owner)
    with translation.override("ru"):
        url = reverse("ipregistry:detail", kwargs={"pk": ip_object.pk})
    assert not url.startswith("/en/")
    page = client.get(url).content.decode()
    assert "Свидетельство о регистрации" in page and "изобретение" in page and "60,00" in page


def test_the_register_list_is_public_and_paginated(client, organization, owner):
    for n in range(3):
        register(organization, owner, title=f"Объект {n}")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("ipregistry:list"))
    for n in range(22):
        register(organization, owner, title=f"Ещё {n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("ipregistry:list"))
    assert response.status_code == 200 and len(many) == len(few)
    assert response.context["page"].paginator.num_pages == 2
    assert "Ещё 21" in response.content.decode()
    assert client.get(reverse("ipregistry:list"), {"page": 2}).status_code == 200
    assert client.get(reverse("ipregistry:list"), {"kind": "poem"}).status_code == 400


def test_links_from_the_header_and_the_organization_page(client, organization, owner):
    page = client.get(reverse("organizations:detail", kwargs={"pk": organization.pk}))
    assert reverse("ipregistry:list") in page.content.decode()
    assert f"{register_url()}?organization={organization.pk}" not in page.content.decode()
    client.force_login(owner)
    page = client.get(reverse("organizations:detail", kwargs={"pk": organization.pk}))
    assert f"{register_url()}?organization={organization.pk}" in page.content.decode()
