"""Who hears of the end of a pilot (issue 20, steps 5 and 6), and only they: the site's report
tells the company and the fund, the company's answer tells the site, the published result
tells the company and the site. Dates in the notifications read as each reader's language
writes them; every pilot notification has its Russian text."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from innocluster.core.errors import Conflict
from innocluster.features.pilots import consent as consenting
from innocluster.features.pilots import notifications as notify
from innocluster.features.pilots import plan as planning
from innocluster.features.pilots import results, selectors, testing
from innocluster.features.pilots.models import Pilot, SiteConsent
from innocluster.platform.notifications.kinds import _REGISTRY
from innocluster.platform.notifications.models import Notification
from tests.factories import OrganizationFactory, member_of

from ..reviews.plug import notified
from .helpers import make_site, site_owner
from .proposal_helpers import a_site_person, approved_pilot
from .test_plan import PLAN, pilot_at_agreement
from .test_results import MEASURED, REPORT, finished_pilot
from .test_testing import running_pilot

pytestmark = pytest.mark.django_db


def the_cast():
    """A finished pilot and everybody around it: the company's owner and viewer, the site's
    person and a second responsible person, a colleague of the site's organization who does
    not answer for it, the people of a site that declined, the fund, an outsider."""
    pilot, owner, person, fund = finished_pilot()
    site = pilot.consents.get().site
    second = member_of(site.organization, "editor")
    site.people.add(second)
    colleague = member_of(site.organization, "editor")
    declined_organization, declined_person = site_owner()
    declined, _operator = make_site(declined_organization, declined_person)
    SiteConsent.objects.create(pilot=pilot, site=declined, status="declined", due=dt.date.today())
    return {
        "pilot": pilot,
        "owner": owner,
        "viewer": member_of(pilot.organization, "viewer"),
        "person": person,
        "second": second,
        "colleague": colleague,
        "declined": declined_person,
        "fund": fund,
        "outsider": member_of(OrganizationFactory(), "owner"),
    }


def told(cast, kind: str) -> set[str]:
    """The names in `cast` of the people told of `kind`, each exactly once."""
    names = set()
    for name, person in cast.items():
        if name == "pilot":
            continue
        count = Notification.objects.filter(recipient=person, kind=kind).count()
        assert count <= 1, (name, kind, count)
        if count:
            names.add(name)
    return names


def test_the_report_tells_the_company_and_the_fund_not_the_filer_nor_anybody_else():
    cast = the_cast()
    results.report_file(pilot=cast["pilot"], actor=cast["person"], measured=MEASURED, **REPORT)
    assert told(cast, "pilots.report_filed") == {"owner", "viewer", "fund"}
    assert notified(cast["owner"], "pilots.report_filed") == [notify.pilot_url(cast["pilot"])]


def test_the_answer_tells_the_sites_people_only():
    cast = the_cast()
    pilot = cast["pilot"]
    results.report_file(pilot=pilot, actor=cast["person"], measured=MEASURED, **REPORT)
    results.report_answer(pilot=pilot, actor=cast["owner"], text="Экспорт будет в версии 2.1")
    assert told(cast, "pilots.report_answered") == {"person", "second"}
    answer = Notification.objects.get(recipient=cast["person"], kind="pilots.report_answered")
    with translation.override("ru"):
        assert pilot.organization.short_name in answer.title and "«" in answer.title
        assert answer.body == "Экспорт будет в версии 2.1"


def test_a_long_answer_is_quoted_in_part():
    cast = the_cast()
    pilot = cast["pilot"]
    results.report_file(pilot=pilot, actor=cast["person"], measured=MEASURED, **REPORT)
    results.report_answer(pilot=pilot, actor=cast["owner"], text="Слово " * 400)
    answer = Notification.objects.get(recipient=cast["person"], kind="pilots.report_answered")
    assert len(answer.context["answer"]) <= notify.ANSWER_EXCERPT
    assert answer.context["answer"].endswith("…")


def test_the_published_result_tells_the_company_and_the_site_with_the_public_link():
    cast = the_cast()
    pilot = cast["pilot"]
    report = results.report_file(pilot=pilot, actor=cast["person"], measured=MEASURED, **REPORT)
    results.result_publish(pilot=pilot, actor=cast["owner"])
    assert told(cast, "pilots.result_published") == {"viewer", "person", "second"}
    public = reverse("pilots:result", kwargs={"pk": report.pk})
    assert notified(cast["person"], "pilots.result_published") == [public]


def test_published_by_the_fund_the_whole_company_hears_of_it():
    cast = the_cast()
    pilot = cast["pilot"]
    results.report_file(pilot=pilot, actor=cast["person"], measured=MEASURED, **REPORT)
    results.result_publish(pilot=pilot, actor=cast["fund"])
    assert told(cast, "pilots.result_published") == {"owner", "viewer", "person", "second"}


def test_a_refused_step_tells_nobody():
    cast = the_cast()
    pilot = cast["pilot"]
    with pytest.raises(ValidationError):
        results.report_file(
            pilot=pilot, actor=cast["person"], measured=[{"unit": "seconds", "value": "1"}],
            **REPORT,
        )  # fmt: skip
    with pytest.raises(Conflict):
        results.result_publish(pilot=pilot, actor=cast["owner"])
    with pytest.raises(Conflict):
        results.report_answer(pilot=pilot, actor=cast["owner"], text="Рано")
    kinds = ("pilots.report_filed", "pilots.report_answered", "pilots.result_published")
    assert not Notification.objects.filter(kind__in=kinds).exists()


def test_a_challenge_pilot_tells_the_posters_owners_and_editors_as_its_site():
    from tests.challenges.helpers import a_challenge, a_participant

    from ..status.helpers import reviewer

    challenge = a_challenge()
    poster = challenge.organization.memberships.get().user
    poster_editor = member_of(challenge.organization, "editor")
    poster_viewer = member_of(challenge.organization, "viewer")
    company, owner = a_participant()
    entry = challenge.entries.create(
        organization=company, title="Табло", solution="Прогноз", pilot_plan="Две остановки",
        submitted_by=owner,
    )  # fmt: skip
    pilot = Pilot.objects.get(pk=planning.create_pilot_from_entry(entry))
    fund = reviewer()
    kpis = [{"name": "Точность прогноза", "unit": "percent", "target": "95"}]
    planning.plan_update(pilot=pilot, actor=owner, kpis=kpis, **PLAN)
    for actor, party in ((owner, "company"), (poster, "site"), (fund, "fund")):
        planning.plan_agree(pilot=pilot, actor=actor, party=party)
    planning.pilot_start(pilot=pilot, actor=owner)
    testing.pilot_finish(pilot=pilot, actor=poster)
    assert set(selectors.site_side(pilot)) == {poster, poster_editor}
    measured = [{"unit": "percent", "value": "96"}]
    results.report_file(pilot=pilot, actor=poster_editor, measured=measured, **REPORT)
    assert notified(owner, "pilots.report_filed")
    results.report_answer(pilot=pilot, actor=owner, text="Спасибо")
    assert notified(poster, "pilots.report_answered")
    assert notified(poster_editor, "pilots.report_answered")
    assert not notified(poster_viewer, "pilots.report_answered")


def test_each_step_of_the_test_is_told_to_the_other_side_and_a_stop_to_the_fund_too():
    pilot, owner, person, fund = pilot_at_agreement()
    site = pilot.consents.get().site
    second = member_of(site.organization, "editor")
    site.people.add(second)
    cast = {"owner": owner, "person": person, "second": second, "fund": fund}
    planning.plan_update(pilot=pilot, actor=owner, **PLAN)
    for actor, party in ((owner, "company"), (person, "site"), (fund, "fund")):
        planning.plan_agree(pilot=pilot, actor=actor, party=party)
    assert told(cast, "pilots.plan_agreed") == {"owner", "person", "second"}
    planning.pilot_start(pilot=pilot, actor=owner)
    assert told(cast, "pilots.test_started") == {"person", "second"}
    testing.pilot_pause(pilot=pilot, actor=person, reason="Ремонт в кабинете")
    assert told(cast, "pilots.test_paused") == {"owner"}
    paused = Notification.objects.get(recipient=owner, kind="pilots.test_paused")
    assert paused.body == "Ремонт в кабинете"
    testing.pilot_resume(pilot=pilot, actor=owner)
    assert told(cast, "pilots.test_resumed") == {"person", "second"}
    testing.pilot_finish(pilot=pilot, actor=owner)
    assert told(cast, "pilots.test_finished") == {"person", "second"}


def test_a_stop_is_told_to_the_other_side_and_the_fund():
    pilot, owner, person, fund = running_pilot()
    testing.pilot_stop(pilot=pilot, actor=person, reason="Продукт не готов")
    stopped = Notification.objects.filter(kind="pilots.test_stopped")
    assert set(stopped.values_list("recipient", flat=True)) >= {owner.pk, fund.pk}
    assert person.pk not in set(stopped.values_list("recipient", flat=True))
    with translation.override("en"):
        assert stopped.first().body == "Продукт не готов"


def test_the_consent_due_date_reads_as_each_readers_language_writes_it():
    site, person = a_site_person()
    pilot = approved_pilot([site])
    due = pilot.consents.get().due
    asked = Notification.objects.get(recipient=person, kind="pilots.consent_asked")
    assert asked.context["due"] == due.isoformat()
    with translation.override("en"):
        english = asked.body
    with translation.override("ru"):
        russian = asked.body
    assert due.strftime("%m/%d/%Y") in english and due.strftime("%d.%m.%Y") not in english
    assert due.strftime("%d.%m.%Y") in russian and due.isoformat() not in russian


def test_the_overdue_notice_reads_the_date_in_each_readers_language():
    from ..status.helpers import reviewer

    site, _person = a_site_person()
    pilot = approved_pilot([site])
    fund = reviewer()
    consent = pilot.consents.get()
    consenting.consents_overdue_report(today=consent.due + dt.timedelta(days=1))
    overdue = Notification.objects.get(recipient=fund, kind="pilots.consent_overdue")
    with translation.override("en"):
        assert consent.due.strftime("%m/%d/%Y") in overdue.body
    with translation.override("ru"):
        assert consent.due.strftime("%d.%m.%Y") in overdue.body


def test_every_pilot_notification_has_its_russian_text_with_the_same_placeholders():
    kinds = [kind for code, kind in _REGISTRY.items() if code.startswith("pilots.")]
    assert {"pilots.report_filed", "pilots.report_answered", "pilots.result_published"} <= {
        kind.code for kind in kinds
    }
    for kind in kinds:
        for text in (kind.title, kind.body):
            with translation.override("en"):
                english = str(text)
            with translation.override("ru"):
                russian = str(text)
            only_a_placeholder = english.startswith("{") and english.endswith("}")
            assert russian != english or only_a_placeholder or not english, (kind.code, english)
            context = dict.fromkeys(kind.placeholders(), "x")
            russian.format(**context)  # no placeholder of its own
