"""The demo data gives each account of the README's tour what its step needs: the participant
owner may register IP and apply to every support measure, the partner has its status, the
operator runs facilities with bookings, the newcomer has an organization with no status to
apply for one, the reviewer has a queue and the administrator the admin site."""

from io import StringIO

import pytest
from django.core.management import call_command

from innocluster.features.facilities.models import Booking, Facility
from innocluster.features.kpireports.kind import CASE_KIND as KPI_REPORT
from innocluster.features.support.eligibility import eligibility
from innocluster.features.support.models import Measure
from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.models import Organization
from innocluster.platform.reviews.models import Case
from innocluster.platform.status.selectors import has_active_status, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo_data", "--orgs", "120", "--seed", "1", "--verbosity", "0", stdout=StringIO())


def owned_by(email: str) -> Organization:
    user = User.objects.get(email=email)
    (organization,) = Organization.objects.filter(memberships__user=user, memberships__role="owner")
    return organization


def test_the_participant_owner_may_register_ip_and_apply_to_every_measure(demo):
    organization = owned_by("demo@innocluster.local")

    assert organization.region == "77"
    assert status_of(organization=organization).kind == "participant"
    assert has_active_status(organization=organization)  # what the IP register asks
    measures = Measure.objects.filter(is_published=True).prefetch_related("calls", "industries")
    refused = [
        measure.code
        for measure in measures
        if not eligibility(measure=measure, organization=organization).can_apply_now
    ]
    assert measures and refused == []
    # nothing in the way (its accepted KPI report of the year before last is no application)
    assert not Case.objects.filter(organization=organization).exclude(kind=KPI_REPORT).exists()
    assert Case.objects.filter(organization=organization, kind=KPI_REPORT).count() == 1


def test_the_partner_is_a_partner_from_another_region(demo):
    organization = owned_by("partner@innocluster.local")

    assert organization.region != "77"
    assert status_of(organization=organization).kind == "partner"


def test_the_operator_runs_facilities_with_bookings(demo):
    organization = owned_by("operator@innocluster.local")

    assert Facility.objects.filter(organization=organization).exists()
    assert Booking.objects.filter(resource__facility__organization=organization).exists()


def test_the_newcomer_has_an_organization_with_no_status_to_apply_for(demo):
    organization = owned_by("newcomer@innocluster.local")

    assert status_of(organization=organization) is None
    assert not Case.objects.filter(organization=organization).exists()


def test_the_accounts_are_distinct_and_the_staff_have_their_work(demo):
    emails = ["demo", "partner", "operator", "newcomer"]
    organizations = {owned_by(f"{name}@innocluster.local").pk for name in emails}
    reviewer = User.objects.get(email="reviewer@innocluster.local")
    admin = User.objects.get(email="admin@innocluster.local")

    assert len(organizations) == 4
    assert reviewer.staff_role == "reviewer" and Case.objects.filter(status="submitted").exists()
    assert admin.is_superuser and admin.staff_role == "admin"


def test_the_tour_meets_intersectoral_clusters(demo):
    from innocluster.features.clusters import selectors as clusters
    from innocluster.features.clusters.models import Cluster

    assert Cluster.objects.count() == 15
    administered = [
        m
        for m in clusters.memberships_of_user(user=User.objects.get(email="demo@innocluster.local"))
        if m.is_admin
    ]
    assert len(administered) == 1
    partner = User.objects.get(email="partner@innocluster.local")
    assert clusters.memberships_of_user(user=partner).exists()
    newcomer = User.objects.get(email="newcomer@innocluster.local")
    assert not clusters.memberships_of_user(user=newcomer).exists()
    biggest = clusters.cluster_list_visible(user=partner).order_by("-counting_count").first()
    assert biggest.counting_count >= 30


def test_every_headline_figure_of_the_demo_is_shown(demo):
    """The demo has the history behind every headline figure of /figures/ (support awarded
    and paid, IP registered, past bookings, accepted exports of three years…): none is left
    out by the disclosure rule (fewer than 5 organizations)."""
    from innocluster.features.figures.registry import sources
    from innocluster.features.figures.selectors import snapshot_latest

    figures = snapshot_latest().figures
    headline = [source.code for source in sources() if source.headline]
    suppressed = [code for code in headline if figures[code]["total"] is None]

    assert headline and suppressed == []
    assert len(figures["support_awards"]["by_year"]) > 1  # years of history, not one day
    assert len(figures["export_growth"]["by_year"]) > 1


def test_the_history_is_on_the_ledger_at_its_days_and_the_ledger_verifies(demo, tmp_path):
    """The past was made with the clock set back: each payment's ledger entry is dated the day
    it was paid, each registration the moment it was registered; the log still verifies."""
    from innocluster.core.calendar import moscow_date
    from innocluster.features.ipregistry.models import IPObject
    from innocluster.features.support.awards.models import Payment
    from innocluster.platform.ledger.export import ledger_export
    from innocluster.platform.ledger.models import Checkpoint, Entry
    from innocluster.platform.ledger.services import ledger_checkpoint_sign
    from innocluster.platform.ledger.sources import FileSource
    from innocluster.platform.ledger.verify import verify_log

    payments = {
        p.tranche.award.ledger_subject: p for p in Payment.objects.select_related("tranche__award")
    }
    paid = Entry.objects.filter(kind="support.payment.made")
    assert payments and paid.count() == len(payments)
    for entry in paid:
        assert moscow_date(entry.timestamp) == payments[entry.subject].paid_on < moscow_date()
    registered = {o.ledger_subject: o.registered_at for o in IPObject.objects.all()}
    entries = Entry.objects.filter(kind="ip.registered")
    assert registered and {e.subject: e.timestamp for e in entries} == registered

    ledger_checkpoint_sign()
    # signed after each step's transaction, at the time of signing: never back in the past
    signed = list(Checkpoint.objects.order_by("tree_size").values_list("timestamp", flat=True))
    assert signed == sorted(signed) and moscow_date(signed[0]) == moscow_date()
    path = tmp_path / "ledger.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        ledger_export(out=out)
    report = verify_log(FileSource(str(path)), sample=0)
    assert report.ok, report.message
