"""The waiting lists and a waiting registration's page in a real browser, on a 1366-pixel
desktop and a 390-pixel phone: labelled controls, nothing wider than the screen, and the
buttons work (declining asks for a reason first)."""

import re

import pytest
from playwright.sync_api import expect

from innocluster.features.ipregistry.models import IPObject
from innocluster.platform.ledger.selectors import ledger_size
from tests.browser.test_accessibility import _audit, _sign_in
from tests.factories import OrganizationFactory, member_of, with_status
from tests.ipregistry.helpers import another_sha256, register, shared_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": (1366, 768), "phone": (390, 844)}


def waiting_for(partner, *, title: str):
    registrant = with_status(OrganizationFactory(short_name="ООО Кристалл"))
    owner = member_of(registrant, "owner")
    ip_object = register(
        registrant,
        owner,
        title=title,
        rightholders=shared_with(partner, registrant=registrant),
        work_sha256=another_sha256(),
    )
    return ip_object, owner


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_a_rightholder_confirms_and_declines_from_the_waiting_list(new_page, live_server, size):
    page = new_page(*SIZES[size])
    partner = OrganizationFactory(short_name="ООО Партнёр с очень длинным названием для телефона")
    partner_owner = member_of(partner, "owner")
    first, _owner = waiting_for(partner, title="Способ выращивания монокристаллов сапфира")
    second, owner = waiting_for(partner, title="Программа управления станком")
    _sign_in(page, live_server, partner_owner)
    for path in ["/ip/waiting/", f"/ip/{first.pk}/"]:
        _audit(page, live_server.url + path, phone=True)  # never wider than the screen
    page.goto(f"{live_server.url}/ip/waiting/")
    expect(page.locator("h1")).to_have_text("Ожидают подтверждения")
    # Confirm the first: it is final and on the ledger
    card = page.locator("li.card", has_text="монокристаллов")
    card.get_by_role("button", name=re.compile("^Подтвердить")).click()
    expect(page.locator(".message.success")).to_be_visible()
    assert IPObject.objects.get(pk=first.pk).state == "registered" and ledger_size() == 1
    # Decline the second: the reason is asked for, then it ends as declined
    card = page.locator("li.card", has_text="станком")
    card.locator("summary").click()
    reason = card.get_by_label(re.compile("Почему вы отклоняете"))
    expect(reason).to_be_visible()
    reason.fill("Мы не участвовали в разработке.")
    card.get_by_role("button", name="Отклонить регистрацию").click()
    expect(page.locator(".message.success")).to_be_visible()
    assert IPObject.objects.get(pk=second.pk).state == "declined" and ledger_size() == 1
    expect(page.locator("main")).to_contain_text("Вашего ответа ничего не ожидает")
    # The registrant reads the reason on the registration's page
    page.context.clear_cookies()
    _sign_in(page, live_server, owner)
    _audit(page, f"{live_server.url}/ip/{second.pk}/", phone=True)
    expect(page.locator("main")).to_contain_text("Мы не участвовали в разработке.")


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_the_registrant_withdraws_from_the_waiting_list(new_page, live_server, size):
    page = new_page(*SIZES[size])
    partner = OrganizationFactory()
    member_of(partner, "owner")
    ip_object, owner = waiting_for(partner, title="Промышленный образец корпуса")
    _sign_in(page, live_server, owner)
    _audit(page, f"{live_server.url}/ip/waiting/", phone=True)
    card = page.locator("li.card", has_text="корпуса")
    card.locator("summary").click()
    card.get_by_role("button", name="Отозвать регистрацию").click()
    expect(page.locator(".message.success")).to_be_visible()
    assert IPObject.objects.get(pk=ip_object.pk).state == "withdrawn" and ledger_size() == 0
