import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from innocluster.features.ipregistry.errors import IPRegistryErrorCode as Code
from innocluster.features.ipregistry.models import IPObject
from innocluster.platform.ledger.selectors import ledger_size
from innocluster.platform.ledger.services import ledger_checkpoint_sign
from tests.factories import OrganizationFactory, UserFactory, member_of, with_status
from tests.ipregistry.helpers import WORK, WORK_SHA256, another_sha256, register, work_file

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
    mine, edited, viewed = (with_status(OrganizationFactory()) for _ in range(3))
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
    (total,) = response.context["formset"].non_form_errors().as_data()
    assert (total.code, total.params) == (Code.SHARES_TOTAL, {"total": "93.33"})
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
    ledger_checkpoint_sign()  # as the worker does within seconds: the proof exists from then
    response = client.get(reverse("ipregistry:detail", kwargs={"pk": ip_object.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;x&quot;)" in page
    assert "&lt;b&gt;жирный&lt;/b&gt;" in page
    assert WORK_SHA256 in page and "Иванова Анна Петровна" in page
    assert reverse("organizations:detail", kwargs={"pk": organization.pk}) in page
    assert reverse("ledger:entry", kwargs={"index": 0}) in page
    assert reverse("ledger:entry", kwargs={"index": 0}) + "#proof" in page


def test_the_certificate_in_russian(client, organization, owner):
    ip_object = register(organization, owner)
    with translation.override("ru"):
        url = reverse("ipregistry:detail", kwargs={"pk": ip_object.pk})
    assert not url.startswith("/en/")
    page = client.get(url).content.decode()
    assert "Свидетельство о регистрации" in page and "изобретение" in page and "60,00" in page


def test_the_register_list_is_public_and_paginated(client, organization, owner):
    for n in range(3):
        register(organization, owner, title=f"Объект {n}", work_sha256=another_sha256())
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("ipregistry:list"))
    for n in range(22):
        register(organization, owner, title=f"Ещё {n}", work_sha256=another_sha256())
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


def test_registering_the_same_work_again_links_to_its_certificate(client, organization, owner):
    # Given a registered work (a double click on "Register" sends the form twice)
    client.force_login(owner)
    assert client.post(register_url(), form_data(organization)).status_code == 302
    first = IPObject.objects.get()
    # When the same form comes again
    response = client.post(register_url(), form_data(organization))
    # Then it is a conflict that links to the certificate, and nothing more is written
    assert response.status_code == 409
    page = response.content.decode()
    assert "has already registered this work" in page
    assert f'href="{reverse("ipregistry:detail", kwargs={"pk": first.pk})}"' in page
    assert response.context["form"]["title"].value() == "Способ выращивания сапфира"
    assert IPObject.objects.count() == 1 and ledger_size() == 1


def test_the_conflict_in_russian(client, organization, owner):
    register(organization, owner)
    client.force_login(owner)
    with translation.override("ru"):
        url = reverse("ipregistry:register")
    page = client.post(url, form_data(organization)).content.decode()
    assert (
        "Этот объект уже зарегистрирован организацией" in page and "Открыть свидетельство" in page
    )


def more_rows(organization, **overrides) -> dict:
    return form_data(organization, more_rows="1", **overrides)


def test_more_rows_keeps_what_was_typed_and_registers_nothing(client, organization, owner):
    client.force_login(owner)
    data = more_rows(organization, description="Метод Киропулоса", keep_file="on")
    response = client.post(register_url(), data)
    assert response.status_code == 200
    assert IPObject.objects.count() == 0 and ledger_size() == 0
    form, formset = response.context["form"], response.context["formset"]
    assert not form.is_bound and not formset.is_bound  # shown again, not checked
    assert form["title"].value() == "Способ выращивания сапфира"
    assert form["description"].value() == "Метод Киропулоса"
    assert form["work_sha256"].value() == WORK_SHA256 and form["keep_file"].value() is True
    assert formset.total_form_count() == 10
    typed = [(f["name"].value(), f["inn"].value(), f["share"].value()) for f in formset][:3]
    assert typed == [
        ('ООО "Кристалл"', "", "33,33"),
        ("Иванова А. П.", organization.inn, "66.67"),
        ("", "", ""),
    ]
    page = response.content.decode()
    assert f'<option value="{organization.pk}" selected>' in page
    assert 'value="Иванова А. П."' in page and 'name="rightholders-9-share"' in page
    assert 'name="rightholders-TOTAL_FORMS" value="10"' in page
    assert 'name="rightholders-INITIAL_FORMS" value="0"' in page
    # the person ticked "keep the file": a browser cannot carry the file over, so we say so
    assert "choose it again" in page


def test_more_rows_shows_no_errors_for_what_is_not_finished(client, organization, owner):
    client.force_login(owner)
    data = more_rows(organization, title="", work_sha256="zz", **{"rightholders-1-share": "сто"})
    response = client.post(register_url(), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errors"' not in page and "form-errors" not in page
    assert 'aria-invalid="true"' not in page and "choose it again" not in page
    assert response.context["formset"].forms[1]["share"].value() == "сто"


def test_the_rows_kept_empty_stay_optional_when_registering(client, organization, owner):
    # Given the form grown to 10 rows, then registered with the rows as rendered
    client.force_login(owner)
    client.post(register_url(), more_rows(organization))
    data = form_data(organization) | {"rightholders-TOTAL_FORMS": "10"}
    # Then the empty rows are ignored, as on a fresh form
    assert client.post(register_url(), data).status_code == 302
    assert IPObject.objects.get().rightholders.count() == 2


def test_the_first_new_row_takes_the_focus(client, organization, owner):
    client.force_login(owner)
    page = client.post(register_url(), more_rows(organization)).content.decode()
    (first_new,) = re.findall(r"<input[^>]*autofocus[^>]*>", page)
    assert 'name="rightholders-5-name"' in first_new


def test_more_rows_stop_at_the_maximum(client, organization, owner):
    client.force_login(owner)
    data = more_rows(organization, **{"rightholders-TOTAL_FORMS": "18"})
    response = client.post(register_url(), data)
    assert response.context["formset"].total_form_count() == 20
    assert 'name="more_rows"' not in response.content.decode()


def test_more_rows_without_javascript_keeps_the_hash_of_the_file_sent(client, organization, owner):
    client.force_login(owner)
    data = more_rows(organization, work_sha256="", file=work_file())
    response = client.post(register_url(), data)
    assert response.status_code == 200 and IPObject.objects.count() == 0
    assert response.context["form"]["work_sha256"].value() == WORK_SHA256


def test_register_is_the_button_enter_presses(client, organization, owner):
    client.force_login(owner)
    page = client.get(register_url()).content.decode()
    buttons = re.findall(r"<button[^>]*>", page[page.index("data-sha256>") :])
    assert 'name="more_rows"' not in buttons[0] and 'name="more_rows"' in buttons[1]
    assert "formnovalidate" in buttons[1]  # asking for rows needs no finished form
    assert "?rows=" not in page


def test_a_pasted_line_of_sha256sum_is_accepted(client, organization, owner):
    client.force_login(owner)
    data = form_data(organization, work_sha256=f"{WORK_SHA256.upper()}  сапфир (v2).pdf")
    assert client.post(register_url(), data).status_code == 302
    assert IPObject.objects.get().work_sha256 == WORK_SHA256


def test_the_list_page_runs_as_many_queries_for_5_objects_as_for_25(client):
    def add(count: int) -> None:
        for n in range(count):
            organization = with_status(OrganizationFactory())
            register(
                organization, member_of(organization), title=f"№ {n}", work_sha256=another_sha256()
            )

    client.force_login(UserFactory())
    client.get(reverse("ipregistry:list"))  # the session's first request notes its activity
    add(5)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(reverse("ipregistry:list")).context["page"]) == 5
    add(20)
    with CaptureQueriesContext(connection) as twenty_five:
        assert len(client.get(reverse("ipregistry:list")).context["page"]) == 20
    assert len(twenty_five) == len(five), [q["sql"] for q in twenty_five.captured_queries]


def test_the_certificate_runs_as_many_queries_for_2_rightholders_as_for_20(
    client, organization, owner
):
    def certificate(holders_: int):
        partners = [OrganizationFactory() for _ in range(holders_)]
        rows = [
            {"name": p.short_name, "share": Decimal(100) / holders_, "organization": p}
            for p in partners
        ]
        ip_object = register(organization, owner, rightholders=rows, work_sha256=another_sha256())
        assert ip_object.state == "pending"  # the rightholders' answers show on the page
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("ipregistry:detail", kwargs={"pk": ip_object.pk}))
        assert response.status_code == 200
        return len(queries)

    client.force_login(owner)
    client.get(reverse("ipregistry:list"))  # the session's first request notes its activity
    assert certificate(2) == certificate(20)
