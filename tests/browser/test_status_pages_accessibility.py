"""The audit of tests/browser/test_accessibility.py over the status and review pages, on a
desktop and on a 390-pixel phone."""

import pytest

from innocluster.platform.reviews import services as reviews
from innocluster.platform.status.models import Status
from tests.browser.test_accessibility import _audit, _sign_in
from tests.factories import OrganizationFactory, member_of
from tests.status.helpers import an_industry, complete_draft, reviewer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_status_and_review_pages(new_page, live_server, phone):
    page = new_page(390, 844) if phone else new_page()
    approved, pending = OrganizationFactory(), OrganizationFactory()
    for organization in (approved, pending):
        organization.industries.add(an_industry())
    owner, other_owner = member_of(approved, "owner"), member_of(pending, "owner")
    staff = reviewer()
    case = reviews.case_submit(case=complete_draft(approved, owner).case, actor=owner)
    reviews.case_decide(case=case, reviewer=staff, decision="approve")
    waiting = reviews.case_submit(case=complete_draft(pending, other_owner).case, actor=other_owner)
    number = Status.objects.get().register_number
    for path in ["/status/", "/register/", f"/register/{number}/"]:
        _audit(page, live_server.url + path, phone=phone)
    _sign_in(page, live_server, other_owner)
    for path in ["/status/", "/applications/", f"/status/applications/{waiting.pk}/"]:
        _audit(page, live_server.url + path, phone=phone)
    page.context.clear_cookies()
    _sign_in(page, live_server, staff)
    for path in ["/reviews/", f"/reviews/{waiting.pk}/"]:
        _audit(page, live_server.url + path, phone=phone)
