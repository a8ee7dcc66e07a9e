"""The demo's pilots: one at each step built, their plans' hashes on the ledger."""

import pytest

from innocluster.features.pilots import demo
from innocluster.features.pilots.models import Pilot, PilotSite
from innocluster.features.pilots.plan import plan_sha256
from innocluster.features.pilots.selectors import full_sites
from innocluster.platform.ledger.models import Entry

from .proposal_helpers import a_company, a_site_person

pytestmark = pytest.mark.django_db


def test_pilots_at_each_step_with_their_plans_on_the_ledger():
    for _ in range(3):
        a_company()
    site, _ = a_site_person(capacity=5)
    assert demo.build_pilots(seed=1, per_stage=1) == 3
    assert sorted(Pilot.objects.values_list("status", flat=True)) == [
        "agreement",
        "consent",
        "running",
    ]
    running = Pilot.objects.get(status="running")
    assert running.plan.sha256 == plan_sha256(running.plan)
    assert Entry.objects.filter(kind="pilot.plan_agreed", subject=f"pilot:{running.pk}").exists()
    assert not full_sites([site.pk])


def test_finished_pilots_with_reports_published_and_both_hashes_on_the_ledger():
    from innocluster.features.pilots.models import PilotReport
    from innocluster.features.pilots.results import report_sha256

    a_company()
    a_site_person()
    assert demo.build_results(seed=1, count=4) == 4
    assert set(Pilot.objects.values_list("status", flat=True)) == {"published"}
    report = PilotReport.objects.select_related("pilot__plan").first()
    assert report.is_published and report.sha256 == report_sha256(report)
    assert report.measured[0]["value"] and report.category == "health"
    subject = f"pilot:{report.pilot_id}"
    kinds = set(Entry.objects.filter(subject=subject).values_list("kind", flat=True))
    assert kinds == {"pilot.plan_agreed", "pilot.result_published"}
    assert not full_sites(list(PilotSite.objects.values_list("pk", flat=True)))


def test_the_demo_at_its_own_size_has_300_sites_and_640_finished_pilots_with_feedback():
    # The issue's figures: 300 sites, 640 finished pilots with the sites' feedback.
    from innocluster.features.pilots.models import PilotReport

    for _ in range(3):
        a_company()
    a_site_person()  # its city organization's owner runs the demo's sites
    report = demo.build(seed=1)
    assert report.sites == 300 and PilotSite.objects.count() == 301
    assert report.results == 640
    published = PilotReport.objects.filter(is_published=True, pilot__status="published")
    assert published.count() == 640
    assert not published.filter(users_opinion="").exists()
    assert all(row["value"] for kpis in published.values_list("measured", flat=True)
               for row in kpis)  # fmt: skip
