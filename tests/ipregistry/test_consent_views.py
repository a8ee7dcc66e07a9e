"""The rightholders' consent on the pages: the waiting list of each side with its buttons, the
registration's page while it waits, and 404 for anybody not involved."""

import pytest
from django.urls import reverse
from django.utils import translation

from innocluster.features.ipregistry.models import IPObject
from innocluster.platform.ledger.selectors import ledger_size
from tests.factories import OrganizationFactory, UserFactory, member_of
from tests.ipregistry.helpers import register, shared_with
from tests.ipregistry.test_views import form_data, register_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(db):
    return OrganizationFactory(short_name="ООО Партнёр")


@pytest.fixture
def partner_owner(partner):
    return member_of(partner, "owner")


@pytest.fixture
def waiting(organization, owner, partner):
    return register(
        organization,
        owner,
        title="Способ <b>огранки</b>",
        rightholders=shared_with(partner, registrant=organization),
    )


def url(name: str, ip_object) -> str:
    return reverse(f"ipregistry:{name}", kwargs={"pk": ip_object.pk})


def test_registering_on_the_page_with_a_partners_inn_waits(client, organization, owner, partner):
    client.force_login(owner)
    data = form_data(organization, **{"rightholders-0-inn": partner.inn})
    response = client.post(register_url(), data, follow=True)
    ip_object = IPObject.objects.get()
    assert ip_object.state == "pending" and ledger_size() == 0
    page = response.content.decode()
    assert "waits for the rightholders" in page
    assert url("withdraw", ip_object) in page and url("confirm", ip_object) not in page


def test_the_rightholders_waiting_list_has_the_buttons(client, waiting, partner, partner_owner):
    client.force_login(partner_owner)
    response = client.get(reverse("ipregistry:waiting"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Способ &lt;b&gt;огранки&lt;/b&gt;" in page  # escaped
    assert url("confirm", waiting) in page and url("decline", waiting) in page
    assert f'value="{partner.pk}"' in page and url("withdraw", waiting) not in page
    # A viewer of the partner sees it, without buttons
    client.force_login(member_of(partner, "viewer"))
    page = client.get(reverse("ipregistry:waiting")).content.decode()
    assert url("detail", waiting) in page and url("confirm", waiting) not in page


def test_the_registrants_waiting_list_offers_withdrawal(client, waiting, owner):
    client.force_login(owner)
    page = client.get(reverse("ipregistry:waiting")).content.decode()
    assert url("withdraw", waiting) in page and url("confirm", waiting) not in page


def test_the_waiting_list_in_russian(client, waiting, partner_owner):
    client.force_login(partner_owner)
    with translation.override("ru"):
        path = reverse("ipregistry:waiting")
    page = client.get(path).content.decode()
    assert "Ожидают подтверждения" in page and "Подтвердить" in page


def test_confirming_on_the_page_makes_it_final(client, waiting, partner, partner_owner):
    client.force_login(partner_owner)
    data = {"organization": partner.pk, "back": "waiting"}
    response = client.post(url("confirm", waiting), data)
    assert response.status_code == 302 and response["Location"] == reverse("ipregistry:waiting")
    waiting.refresh_from_db()
    assert waiting.state == "registered" and ledger_size() == 1
    page = client.get(reverse("ipregistry:list")).content.decode()
    assert url("detail", waiting) in page


def test_declining_on_the_page_needs_a_reason(client, waiting, partner, partner_owner):
    client.force_login(partner_owner)
    response = client.post(url("decline", waiting), {"organization": partner.pk}, follow=True)
    assert "Say why the registration is declined." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == "pending"
    data = {"organization": partner.pk, "reason": "Не соавторы"}
    page = client.post(url("decline", waiting), data, follow=True).content.decode()
    waiting.refresh_from_db()
    assert waiting.state == "declined" and "Не соавторы" in page
    assert url("confirm", waiting) not in page and ledger_size() == 0


def test_withdrawing_on_the_page(client, waiting, owner):
    client.force_login(owner)
    page = client.post(url("withdraw", waiting), follow=True).content.decode()
    waiting.refresh_from_db()
    assert waiting.state == "withdrawn" and "The registration is withdrawn." in page


@pytest.mark.parametrize(
    "who",
    [
        lambda: None,
        lambda: UserFactory(),
        lambda: UserFactory(staff_role="admin"),
        lambda: member_of(OrganizationFactory(), "owner"),
    ],
    ids=["anonymous", "a person", "fund admin", "another organization"],
)
def test_a_waiting_registration_is_a_404_for_others(client, waiting, who):
    user = who()
    if user:
        client.force_login(user)
    assert client.get(url("detail", waiting)).status_code == 404
    for action in ("confirm", "decline", "withdraw"):
        response = client.post(url(action, waiting), {"reason": "x"})
        assert response.status_code == (404 if user else 302)  # anonymous: to the sign-in
    assert url("detail", waiting) not in client.get(reverse("ipregistry:list")).content.decode()
    waiting.refresh_from_db()
    assert waiting.state == "pending"


def test_the_page_of_a_waiting_registration(client, waiting, partner, partner_owner):
    client.force_login(partner_owner)
    response = client.get(url("detail", waiting))
    assert response.status_code == 200
    page = response.content.decode()
    assert "waits for the confirmation" in page and "Certificate of registration" not in page
    assert url("confirm", waiting) in page and "ledger" in page
    assert response.context["actions"]["answer_for"] == [partner]


def test_the_waiting_page_runs_as_many_queries_for_2_registrations_as_for_10(
    client, organization, owner, partner, partner_owner
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.ipregistry.helpers import another_sha256

    def add(count: int) -> None:
        for _ in range(count):
            rows = shared_with(partner, OrganizationFactory(), registrant=organization)
            register(organization, owner, rightholders=rows, work_sha256=another_sha256())

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("ipregistry:waiting")).status_code == 200
        return len(captured)

    client.force_login(partner_owner)
    client.get(reverse("ipregistry:waiting"))  # the session's first request notes its activity
    add(2)
    two = queries()
    add(8)
    assert queries() == two
