"""KPI reports: the catalogue, opening a campaign, the report filled from the platform, the
figures refused when wrong (nothing written), late filing, acceptance, return, and the
accepted values the figures step reads."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.features.kpireports import selectors, services
from innocluster.features.kpireports.models import (
    AcceptedFigure,
    Indicator,
    KpiReport,
    ReportDue,
)
from innocluster.platform.reviews import services as kit
from innocluster.platform.reviews.models import Case

from ..factories import OrganizationFactory, member_of, with_status
from ..status.helpers import fund_admin, reviewer
from .helpers import COMPLETE, YEAR, a_campaign, a_participant, a_report, filled, now_is, submitted

pytestmark = pytest.mark.django_db


def test_the_starting_catalogue_is_there_with_units_and_validation():
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert set(COMPLETE) <= codes
    revenue = Indicator.objects.get(code="revenue")
    assert (revenue.unit, revenue.validation) == ("383", "money")
    assert Indicator.objects.get(code="headcount").unit == "792"
    assert Indicator.objects.get(code="revenue_innovative").part_of == revenue


def test_a_campaign_owes_a_report_from_every_active_participant_only():
    participant, _ = a_participant()
    partner = with_status(OrganizationFactory(region="50"))
    without = OrganizationFactory()
    campaign = a_campaign()
    owing = set(ReportDue.objects.filter(campaign=campaign).values_list("organization", flat=True))
    assert participant.pk in owing and partner.pk not in owing and without.pk not in owing


def test_one_campaign_per_year_and_only_administrators_open_one():
    a_campaign()
    with pytest.raises(Conflict) as error:
        a_campaign()
    assert error.value.code == "kpi_campaign_exists"
    with pytest.raises(PermissionDenied):
        services.campaign_open(year=2030, deadline=dt.date(2031, 4, 1), actor=reviewer())
    with pytest.raises(ValidationError) as error:
        a_campaign(year=2031, deadline=dt.date(2031, 4, 1))
    assert error.value.error_dict["deadline"][0].code == "kpi_bad_deadline"


def test_the_report_is_filled_from_what_the_platform_knows(monkeypatch):
    from innocluster.features.kpireports import sources

    monkeypatch.setattr(sources, "hires_in", lambda **kw: 4)
    monkeypatch.setattr(sources, "orders_won", lambda **kw: 2)
    report = a_report()
    assert report.figures["jobs_created"] == "4"
    assert report.prefill["cooperative_projects"]["sources"]["orders won on the exchange"] == "2"
    assert report.figures["cooperative_projects"] == "2"


def test_a_report_for_a_year_not_open_is_refused():
    with pytest.raises(ValidationError) as error:
        services.open_campaign_for(1999)
    assert error.value.error_dict["year"][0].code == "kpi_year_not_open"


def test_two_openings_give_one_report():
    report = a_report()
    again = services.report_open(
        campaign=report.campaign,
        organization=report.case.organization,
        actor=report.case.created_by,
    )
    assert again.pk == report.pk and KpiReport.objects.count() == 1


def test_a_viewer_or_an_outsider_cannot_open_or_change_the_report():
    report = a_report()
    organization = report.case.organization
    viewer = member_of(organization, "viewer")
    outsider = member_of(OrganizationFactory(), "owner")
    for person in (viewer, outsider):
        with pytest.raises(NotFound):
            services.report_open(campaign=report.campaign, organization=organization, actor=person)
        with pytest.raises(NotFound):
            filled(report, person)


@pytest.mark.parametrize(
    "figure, code",
    [
        ({"headcount": "4.5"}, "kpi_not_whole"),
        ({"headcount": "-1"}, "kpi_out_of_range"),
        ({"revenue": {"value": "100", "unit": "744"}}, "kpi_wrong_unit"),
        ({"revenue": "10.005"}, "kpi_too_precise"),
        ({"revenue": "a lot"}, "kpi_not_a_number"),
        ({"export_countries": ["KZ", "XX"]}, "kpi_unknown_country"),
        ({"no_such_kpi": "1"}, "kpi_unknown_indicator"),
        ({"revenue": "100", "revenue_innovative": "200"}, "kpi_out_of_range"),
    ],
)
def test_a_wrong_figure_is_refused_and_nothing_is_written(figure, code):
    report = a_report()
    before = dict(report.figures)
    with pytest.raises(ValidationError) as error:
        filled(report, report.case.created_by, figures=figure)
    assert code in [e.code for e in error.value.error_dict["figures"]]
    report.refresh_from_db()
    assert report.figures == before


def test_figures_are_stored_normalized_with_the_russian_comma_accepted():
    report = a_report()
    report = filled(
        report,
        report.case.created_by,
        figures={**COMPLETE, "revenue": "1 250 000,5", "export_countries": "kz, by"},
    )
    report.refresh_from_db()
    assert report.figures["revenue"] == "1250000.50"
    assert report.figures["export_countries"] == ["BY", "KZ"]


def test_a_required_figure_missing_blocks_the_submission():
    report = a_report()
    figures = {k: v for k, v in COMPLETE.items() if k != "headcount"}
    filled(report, report.case.created_by, figures=figures)
    with pytest.raises(ValidationError) as error:
        kit.case_submit(case=report.case, actor=report.case.created_by)
    assert error.value.error_dict["figures"][0].code == "kpi_figure_missing"
    assert Case.objects.get().status == "draft"


def test_filing_after_the_deadline_is_allowed_and_marked_late(monkeypatch):
    report = a_report()
    now_is(monkeypatch, dt.date(2026, 4, 2))
    report = submitted(report)
    assert report.case.status == "submitted" and report.late


def test_filing_on_the_deadline_day_is_in_time(monkeypatch):
    now_is(monkeypatch, dt.date(2026, 4, 1))
    assert not submitted().late


def test_acceptance_gives_the_accepted_values_and_a_returned_report_counts_only_once_accepted():
    report = submitted()
    organization = report.case.organization
    kit.case_decide(case=report.case, reviewer=reviewer(), decision="request_info", reason="Why?")
    assert list(selectors.accepted_values(year=YEAR)) == []
    filled(report, report.case.created_by, figures={**COMPLETE, "headcount": "43"})
    kit.case_resubmit(case=report.case, actor=report.case.created_by, message="Corrected")
    kit.case_decide(case=report.case, reviewer=reviewer(), decision="approve")
    values = {code: value for _, code, value in selectors.accepted_values(year=YEAR)}
    assert values["headcount"] == Decimal("43") and values["revenue"] == Decimal("1250000.50")
    assert values["export_countries"] == 2
    only = list(selectors.accepted_values(year=YEAR, codes=["exports"]))
    assert only == [(organization.pk, "exports", Decimal("100000.00"))]
    assert list(selectors.accepted_countries(year=YEAR)) == [(organization.pk, ["BY", "KZ"])]
    assert selectors.previous_year_values(year=YEAR + 1)[organization.pk]["headcount"] == 43


def test_the_fund_cannot_return_an_accepted_report():
    report = submitted()
    kit.case_decide(case=report.case, reviewer=reviewer(), decision="approve")
    with pytest.raises(Conflict) as error:
        kit.case_decide(case=report.case, reviewer=reviewer(), decision="request_info", reason="?")
    assert error.value.code == "case_state"
    assert Case.objects.get().status == "approved"
    assert AcceptedFigure.objects.count() == len(COMPLETE)


def test_a_jump_from_last_year_is_flagged_for_the_reviewer(settings):
    settings.KPI_JUMP_FACTOR = 3
    report = submitted()
    organization = report.case.organization
    kit.case_decide(case=report.case, reviewer=reviewer(), decision="approve")
    next_campaign = a_campaign(year=YEAR + 1, deadline=dt.date(2027, 4, 1))
    owner = report.case.created_by
    this_year = services.report_open(campaign=next_campaign, organization=organization, actor=owner)
    this_year = filled(
        this_year, owner, figures={**COMPLETE, "headcount": "126", "revenue": "1300000"}
    )
    rows = {row["indicator"].code: row for row in selectors.report_rows(this_year)}
    assert rows["headcount"]["jump"] and rows["headcount"]["previous"] == "42"
    assert not rows["revenue"]["jump"]


def test_not_filed_after_the_deadline_lists_those_without_a_filed_report():
    campaign = a_campaign()
    filed = submitted(a_report(campaign))
    drafted = a_report(campaign)
    rows = {due.organization_id for due in selectors.not_filed(campaign)}
    assert drafted.case.organization_id in rows and filed.case.organization_id not in rows


def test_reminders_30_7_and_1_days_before_are_sent_once_each():
    from innocluster.platform.notifications.models import Notification

    campaign = a_campaign()
    report = a_report(campaign)
    kit.case_withdraw(case=report.case, actor=report.case.created_by)  # owes it still
    owner = report.case.created_by
    deadline = campaign.deadline

    def reminders():
        return Notification.objects.filter(recipient=owner, kind="kpireports.reminder").count()

    assert services.reminders_send(today=deadline - dt.timedelta(days=31)) == 0
    assert services.reminders_send(today=deadline - dt.timedelta(days=30)) == 1
    assert services.reminders_send(today=deadline - dt.timedelta(days=29)) == 0
    assert services.reminders_send(today=deadline - dt.timedelta(days=30)) == 0
    assert services.reminders_send(today=deadline - dt.timedelta(days=6)) == 1  # 7 was missed
    assert services.reminders_send(today=deadline - dt.timedelta(days=1)) == 1
    assert services.reminders_send(today=deadline - dt.timedelta(days=1)) == 0
    assert reminders() == 3
    submitted(a_report(campaign, report.case.organization, owner))
    assert services.reminders_send(today=deadline) == 0


def test_the_opening_tells_the_participants(django_capture_on_commit_callbacks):
    from innocluster.platform.notifications.models import Notification

    _organization, owner = a_participant()
    with django_capture_on_commit_callbacks(execute=True):
        campaign = a_campaign()
    services.campaign_announce(campaign_id=campaign.pk)  # what the enqueued task runs
    assert Notification.objects.filter(recipient=owner, kind="kpireports.opened").exists()


def test_a_closed_campaign_takes_no_new_report_and_an_organization_that_owes_none_is_refused():
    campaign = a_campaign()
    organization, owner = a_participant()  # a participant since the opening: owes none
    with pytest.raises(ValidationError) as error:
        services.report_open(campaign=campaign, organization=organization, actor=owner)
    assert error.value.error_dict["year"][0].code == "kpi_report_not_due"
    services.campaign_close(campaign=campaign, actor=fund_admin())
    ReportDue.objects.create(campaign=campaign, organization=organization)
    with pytest.raises(ValidationError) as error:
        services.report_open(campaign=campaign, organization=organization, actor=owner)
    assert error.value.error_dict["year"][0].code == "kpi_year_not_open"
    assert KpiReport.objects.count() == Case.objects.count() == 0


def test_an_accepted_figure_is_dated_by_the_end_of_its_year():
    report = submitted()
    kit.case_decide(case=report.case, reviewer=reviewer(), decision="approve")
    ends = set(AcceptedFigure.objects.values_list("period_end", flat=True))
    assert ends == {dt.date(YEAR, 12, 31)}
    facts = selectors.accepted_figure_facts(code="exports").values_list("value", flat=True)
    assert list(facts) == [Decimal("100000.00")]
