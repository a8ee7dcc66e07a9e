"""The fund's dashboard: the open campaigns' progress with links to who has not filed (and the
register's own revocation, one by one), and the targets and the city's export growth the fund's
administrators enter."""

from decimal import Decimal

import pytest
from django.urls import reverse

from innocluster.core.errors import PermissionDenied
from innocluster.core.models import AuditEvent
from innocluster.features.figures import services
from innocluster.features.figures.models import ExportGrowth, KpiTarget
from innocluster.platform.reviews import services as kit
from tests.kpireports.helpers import a_campaign, a_report, submitted
from tests.status.helpers import fund_admin, reviewer

pytestmark = pytest.mark.django_db


def entry(form: str, **values) -> dict:
    """What the targets' page posts: which form, and its fields under its prefix."""
    return {"form": form, **{f"{form}-{name}": value for name, value in values.items()}}


def test_the_dashboard_shows_each_open_campaigns_progress_with_links(client):
    campaign = a_campaign()
    accepted = submitted(a_report(campaign))
    kit.case_decide(case=accepted.case, reviewer=reviewer(), decision="approve")
    submitted(a_report(campaign))
    draft = a_report(campaign)  # a draft is not filed
    client.force_login(reviewer())
    response = client.get("/en/figures/fund/")
    assert response.status_code == 200
    progress = response.context["campaigns"][0]["progress"]
    assert (progress["due"], progress["filed"], progress["accepted"], progress["not_filed"]) == (
        3, 2, 1, 1,
    )  # fmt: skip
    html = response.content.decode()
    assert "status=approved" in html and "KPI reports for 2025" in html
    # The deadline of 1 April 2026 has passed: who has not filed, by name; a reviewer does not
    # revoke, so no action
    assert reverse("organizations:detail", args=[draft.case.organization_id]) in html
    assert "kpi_report_not_filed" not in html
    client.force_login(fund_admin())
    html = client.get("/en/figures/fund/").content.decode()
    # An administrator: one action per organization, on its register entry, nothing in bulk
    number = draft.case.organization.cluster_status.register_number
    assert html.count("grounds=kpi_report_not_filed") == 1
    assert f"/register/{number}/?action=revoked&amp;grounds=kpi_report_not_filed" in html


def test_after_the_deadline_each_organization_not_filed_has_the_registers_own_action(client):
    campaign = a_campaign()
    late = a_report(campaign)
    client.force_login(fund_admin())
    html = client.get(f"/en/kpi-reports/campaigns/{campaign.year}/").content.decode()
    number = late.case.organization.cluster_status.register_number
    # One link per organization to its register entry, the grounds chosen, nothing in bulk
    assert html.count("grounds=kpi_report_not_filed") == 1
    assert f"/register/{number}/?action=revoked&amp;grounds=kpi_report_not_filed" in html
    assert "<form" not in html.split('id="nf-title"', 1)[1].split("</main>")[0]


def test_an_administrator_enters_a_target_and_the_citys_growth_and_enters_them_again(client):
    admin = fund_admin()
    client.force_login(admin)
    response = client.post(
        "/figures/fund/targets/",
        entry("target", kpi="new_jobs", year="2026", target="2 500"),
    )
    assert response.status_code == 302
    client.post(
        "/figures/fund/targets/",
        entry("target", kpi="new_jobs", year="2026", target="3000"),
    )
    assert KpiTarget.objects.get().target == Decimal("3000")
    client.post(
        "/figures/fund/targets/",
        entry("growth", year="2025", percent="4,8", source="Мосстат"),
    )
    assert ExportGrowth.objects.get().percent == Decimal("4.80")
    actions = AuditEvent.objects.values_list("action", flat=True)
    assert list(actions).count("figures.kpi_target_set") == 2
    html = client.get("/en/figures/fund/targets/").content.decode()
    assert "Мосстат" in html and "new jobs" in html.lower()


@pytest.mark.parametrize(
    "data, field",
    [
        (entry("target", kpi="new_jobs", year="1990", target="5"), "year"),
        (entry("target", kpi="nonsense", year="2026", target="5"), "kpi"),
        (entry("target", kpi="new_jobs", year="2026", target="-1"), "target"),
        (entry("growth", year="2025", percent="abc"), "percent"),
        (entry("growth", year="2025", percent="5000"), "percent"),
    ],
)  # fmt: skip
def test_a_wrong_entry_is_refused_beside_its_field_and_nothing_is_written(client, data, field):
    client.force_login(fund_admin())
    response = client.post("/en/figures/fund/targets/", data)
    assert response.status_code == 400
    form = response.context["forms"][data["form"]]
    assert field in form.errors
    assert not KpiTarget.objects.exists() and not ExportGrowth.objects.exists()


def test_a_reviewer_reads_the_targets_but_cannot_enter_them(client):
    person = reviewer()
    client.force_login(person)
    page = client.get("/en/figures/fund/targets/")
    main = page.content.decode().split("<main", 1)[1].split("</main>")[0]
    assert page.status_code == 200 and "<form" not in main
    response = client.post(
        "/en/figures/fund/targets/",
        entry("target", kpi="new_jobs", year="2026", target="5"),
    )
    assert response.status_code == 403 and not KpiTarget.objects.exists()
    with pytest.raises(PermissionDenied):
        services.export_growth_set(year=2025, percent=Decimal("1"), actor=person)


def test_the_targets_page_is_staff_only(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get("/en/figures/fund/targets/").status_code == 404
    assert client.post("/en/figures/fund/targets/", {"form": "growth"}).status_code == 404


def test_an_unknown_form_is_a_400(client):
    client.force_login(fund_admin())
    assert client.post("/en/figures/fund/targets/", {"form": "other"}).status_code == 400
    assert not KpiTarget.objects.exists()


def test_a_year_entered_meanwhile_by_another_administrator_is_a_conflict(monkeypatch):
    from django.db import IntegrityError

    from innocluster.core.errors import Conflict

    def taken(*args, **kwargs):  # the other administrator's row won the unique constraint
        raise IntegrityError("kpi_target_once")

    monkeypatch.setattr(KpiTarget, "save", taken)
    with pytest.raises(Conflict) as refused:
        services.kpi_target_set(kpi="new_jobs", year=2026, target=Decimal("1"), actor=fund_admin())
    assert refused.value.code == "figures_entered_meanwhile"
    assert not AuditEvent.objects.filter(action="figures.kpi_target_set").exists()
