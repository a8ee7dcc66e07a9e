"""The community's pages in the walk (test_walk.py's checks: 200, no sideways scroll, no raw
codes, no English, a screenshot each), at 1366 and 390 px, as each kind of person in a
cluster: the public (a public thread), a member person, an administrator; and a non-member,
who gets a 404 for a members-only thread."""

import pytest

from innocluster.features.community import services
from innocluster.features.community.selectors import Standing
from tests.browser.test_accessibility import _sign_in
from tests.browser.walking import SCREENSHOT_DIR, WIDTHS, walk
from tests.community.conftest import join, make_cluster, moderate, reply, start
from tests.factories import OrganizationFactory, member_of
from tests.pdfs import pdf_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    cluster, lead = make_cluster()
    admin = member_of(lead, "owner")
    member_org = join(cluster)
    member = member_of(member_org, "editor")
    stranger = member_of(OrganizationFactory(), "owner")
    private = start(member, cluster, title="Испытания датчиков на ВДНХ")
    reply(
        admin,
        private,
        text="Площадка свободна с понедельника, подробности: https://i.moscow/facilities",
        mentioned_organization=member_org,
        attachment=pdf_file("Регламент испытаний.pdf"),
    )
    removed = reply(member, private, text="Лишнее сообщение")
    services.post_remove(
        standing=Standing(cluster=cluster, is_member=True, is_admin=True),
        post=removed,
        actor=admin,
        reason="Не по теме обсуждения",
    )
    public = start(admin, cluster, title="Общее собрание участников кластера")
    moderate(admin, public, is_public=True, is_announcement=True, is_pinned=True)
    base = f"/clusters/{cluster.pk}/community/"
    pages = {
        "anonymous": [base, f"{base}{public.pk}/"],
        "member": [base, f"{base}new/", f"{base}{private.pk}/", f"{base}{public.pk}/"],
        "admin": [
            base,
            f"{base}{private.pk}/",
            f"{base}{private.pk}/posts/{private.posts.first().pk}/remove/",
        ],
        "stranger": [base, f"{base}{public.pk}/"],
    }
    # A private cluster: its page, its chain and its discussions are a 404 to outsiders, and
    # the 404 page reads right too (it once scrolled sideways at 390 px).
    closed, _lead = make_cluster(is_public=False, name="Закрытый кластер")
    closed_pages = [
        f"/clusters/{closed.pk}/",
        f"/clusters/{closed.pk}/chain/",
        f"/clusters/{closed.pk}/community/",
    ]
    hidden = {
        "stranger": [f"{base}{private.pk}/", *closed_pages],
        "anonymous": [f"{base}{private.pk}/", *closed_pages],
    }
    people = {"admin": admin, "member": member, "stranger": stranger}
    return pages, hidden, people


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("person", ["anonymous", "member", "admin", "stranger"])
def test_community_pages_read_right(new_page, live_server, person, width):
    pages, hidden, people = _world()
    page = new_page(*WIDTHS[width])
    if person != "anonymous":
        _sign_in(page, live_server, people[person])
    problems = walk(
        page, live_server, shots=SCREENSHOT_DIR / f"community-{person}-{width}",
        seen=pages[person], hidden=hidden.get(person, []),
    )  # fmt: skip
    assert problems == [], "\n".join(problems)
