"""The award and its agreement: created on approval, accepted by both sides (by the hash of
the document each saw), which puts the payment schedule in place."""

import datetime as dt
import hashlib
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from innocluster.core.calendar import add_business_days
from innocluster.core.errors import Conflict, NotFound, PermissionDenied, codes_by_field
from innocluster.core.models import AuditEvent
from innocluster.features.support.awards import services
from innocluster.features.support.awards.models import Award, Report, Tranche
from innocluster.features.support.awards.pdf import agreement_pdf
from innocluster.features.support.awards.services import agreements
from innocluster.features.support.errors import SupportErrorCode as Code
from innocluster.platform.ledger.models import Entry
from innocluster.platform.notifications.models import Notification

from ...factories import member_of
from .conftest import AMOUNT, a_measure, accept_both, an_application

pytestmark = pytest.mark.django_db
IN_FORCE_ON = dt.date(2026, 2, 16)  # a Monday; 23 February is a holiday


def pdf_text(field_file) -> str:
    field_file.open("rb")
    try:
        reader = PdfReader(io.BytesIO(field_file.read()))
    finally:
        field_file.close()
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_award_create_fixes_the_award_with_its_ledger_entry_and_agreement(
    organization, owner, viewer, application, award
):
    # Given an approved application, when the award is created (the fixture), then:
    assert award.organization == organization and award.measure == application.measure
    assert award.amount == AMOUNT and award.year == award.awarded_at.year
    assert (award.advance_percent, award.yearly_tranches) == (Decimal("25"), 3)
    entry = Entry.objects.get(kind="support.award.granted")
    assert entry.subject == f"award:{award.pk}"
    assert entry.content["payload"] == {
        "award": award.pk,
        "case": application.case.number,
        "measure": "awards-test-measure",
        "organization": {"id": organization.pk, "inn": organization.inn},
        "amount": "1000000.00",
        "year": award.year,
    }
    assert AuditEvent.objects.filter(action="support.award.granted").count() == 1
    notified = Notification.objects.filter(kind="support.agreement.awaiting")
    assert {n.recipient for n in notified} == {owner, viewer}


def test_an_award_that_fails_after_its_agreement_is_written_leaves_no_file(
    application, an_admin, monkeypatch
):
    # Given the audit trail failing after the agreement's PDF is written
    monkeypatch.setattr(agreements, "audit_record", lambda **kwargs: 1 / 0)
    # When the application is awarded
    with pytest.raises(ZeroDivisionError):
        services.award_create(application=application, amount=AMOUNT, actor=an_admin)
    # Then there is no award, and no agreement's file is left
    assert not Award.objects.exists()
    assert list(Path(settings.MEDIA_ROOT, "support/agreements").glob("*")) == []


def test_the_agreement_pdf_names_the_parties_and_the_amount_and_matches_its_hash(award):
    agreement = award.agreement
    assert agreement.number == f"{award.application.case.number}/{award.year}"
    assert agreement.state == "awaiting"
    text = pdf_text(agreement.file)
    organization = award.organization
    for expected in (
        organization.full_name,
        f"ИНН {organization.inn}",
        f"ОГРН {organization.ogrn}",
        organization.legal_address,
        "1 000 000,00 руб.",  # the amount in figures (pdf_text makes no-break spaces plain)
        "250 000,00",  # a quarter in advance
        "Импортозамещающее производство",
        agreement.number,
    ):
        assert expected in text, expected
    agreement.file.open("rb")
    stored = agreement.file.read()
    agreement.file.close()
    assert hashlib.sha256(stored).hexdigest() == agreement.sha256


def test_the_agreement_is_the_same_document_for_the_same_data(award):
    planned = services.planned_tranches(award)
    first = agreement_pdf(award, number="X/1", planned=planned)
    assert agreement_pdf(award, number="X/1", planned=planned) == first
    assert agreement_pdf(award, number="X/2", planned=planned) != first


def test_an_application_is_awarded_once(award, application, an_admin):
    with pytest.raises(Conflict) as refused:
        services.award_create(application=application, amount=AMOUNT, actor=an_admin)
    assert refused.value.code == Code.ALREADY_AWARDED
    assert Award.objects.count() == 1 and Entry.objects.count() == 1


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (Decimal("-1"), "min_value"),
        (Decimal("0"), "min_value"),
        (Decimal("1.001"), "max_decimal_places"),
        ("abc", "invalid"),
    ],
)
def test_a_bad_amount_awards_nothing(application, an_admin, amount, code):
    with pytest.raises(ValidationError) as refused:
        services.award_create(application=application, amount=amount, actor=an_admin)
    assert codes_by_field(refused.value) == {"amount": [code]}
    assert not Award.objects.exists() and not Entry.objects.exists()


def test_both_sides_accept_and_the_schedule_is_set(award, owner, an_admin, monkeypatch):
    monkeypatch.setattr(agreements, "moscow_date", lambda: IN_FORCE_ON)
    agreement = award.agreement
    services.agreement_accept(agreement=agreement, actor=owner, sha256=agreement.sha256)
    agreement.refresh_from_db()
    assert agreement.recipient_signer == owner and agreement.recipient_sha256 == agreement.sha256
    assert agreement.state == "awaiting" and not Tranche.objects.exists()
    assert Notification.objects.filter(
        kind="support.agreement.awaiting_fund", recipient=an_admin
    ).exists()

    services.agreement_accept(agreement=agreement, actor=an_admin, sha256=agreement.sha256)
    agreement.refresh_from_db()
    assert agreement.state == "in_force" and agreement.in_force_on == IN_FORCE_ON
    assert agreement.fund_signer == an_admin and agreement.fund_accepted_at
    tranches = list(award.tranches.order_by("number"))
    assert [(t.number, t.period, t.amount) for t in tranches] == [
        (1, 0, Decimal("250000.00")),
        (2, 1, Decimal("250000.00")),
        (3, 2, Decimal("250000.00")),
        (4, 3, Decimal("250000.00")),
    ]
    assert tranches[0].due_on == dt.date(2026, 3, 3)  # 10 business days, past 23 February
    reports = {r.tranche.number: r.due_on for r in Report.objects.select_related("tranche")}
    assert reports == {2: dt.date(2027, 2, 16), 3: dt.date(2028, 2, 16), 4: dt.date(2029, 2, 16)}
    for tranche in tranches[1:]:
        assert tranche.due_on == add_business_days(reports[tranche.number], 10)
    entry = Entry.objects.get(kind="support.agreement.accepted")
    assert entry.content["payload"]["sha256"] == agreement.sha256
    assert entry.content["payload"]["in_force_on"] == "2026-02-16"
    assert [t["amount"] for t in entry.content["payload"]["schedule"]] == ["250000.00"] * 4
    assert Notification.objects.filter(kind="support.agreement.in_force").count() == 2


def test_the_schedule_sums_to_the_award_to_the_kopeck(organization, owner, an_admin):
    measure = a_measure(code="odd", advance_percent=Decimal("33.33"), yearly_tranches=3)
    application = an_application(organization, owner, measure)
    award = services.award_create(
        application=application, amount=Decimal("1000000.01"), actor=an_admin
    )
    accept_both(award, owner, an_admin)
    amounts = list(award.tranches.values_list("amount", flat=True))
    assert sum(amounts) == Decimal("1000000.01") and all(a > 0 for a in amounts)
    assert len(amounts) == 4


def test_a_measure_paid_at_once_has_one_tranche_and_no_report(organization, owner, an_admin):
    measure = a_measure(code="lump", advance_percent=Decimal("100"), yearly_tranches=0)
    award = services.award_create(
        application=an_application(organization, owner, measure), amount=AMOUNT, actor=an_admin
    )
    accept_both(award, owner, an_admin)
    assert list(award.tranches.values_list("amount", "period")) == [(AMOUNT, 0)]
    assert not Report.objects.exists()


def test_the_terms_are_those_of_the_award_not_of_the_measure_changed_since(award, owner, an_admin):
    award.measure.advance_percent, award.measure.yearly_tranches = Decimal("100"), 0
    award.measure.save()
    accept_both(award, owner, an_admin)
    assert award.tranches.count() == 4


def test_a_different_hash_is_a_conflict_and_records_nothing(award, owner):
    with pytest.raises(Conflict) as refused:
        services.agreement_accept(agreement=award.agreement, actor=owner, sha256="0" * 64)
    assert (refused.value.code, refused.value.status) == (Code.AGREEMENT_HASH_MISMATCH, 409)
    award.agreement.refresh_from_db()
    assert award.agreement.recipient_accepted_at is None


@pytest.mark.parametrize("sha256", ["", "abc", "g" * 64, None])
def test_a_malformed_hash_is_bad_input(award, owner, sha256):
    with pytest.raises(ValidationError) as refused:
        services.agreement_accept(agreement=award.agreement, actor=owner, sha256=sha256)
    assert codes_by_field(refused.value) == {"sha256": ["invalid"]}


def test_the_hash_may_come_in_capitals(award, owner):
    agreement = award.agreement
    services.agreement_accept(agreement=agreement, actor=owner, sha256=agreement.sha256.upper())
    agreement.refresh_from_db()
    assert agreement.recipient_accepted_at


def test_accepting_twice_is_harmless(award, owner):
    agreement = award.agreement
    services.agreement_accept(agreement=agreement, actor=owner, sha256=agreement.sha256)
    agreement.refresh_from_db()
    first = agreement.recipient_accepted_at
    services.agreement_accept(agreement=agreement, actor=owner, sha256=agreement.sha256)
    agreement.refresh_from_db()
    assert agreement.recipient_accepted_at == first
    assert AuditEvent.objects.filter(action="support.agreement.accepted").count() == 1


def test_accepting_again_once_in_force_changes_nothing(in_force, owner):
    agreement = in_force.agreement
    services.agreement_accept(agreement=agreement, actor=owner, sha256=agreement.sha256)
    assert in_force.tranches.count() == 4
    assert Entry.objects.filter(kind="support.agreement.accepted").count() == 1


@pytest.mark.parametrize(
    "who, error",
    [
        ("editor", PermissionDenied),
        ("viewer", PermissionDenied),
        ("a_reviewer", PermissionDenied),
        ("stranger", NotFound),
    ],
)
def test_only_an_owner_and_a_fund_administrator_accept(award, request, who, error):
    person = request.getfixturevalue(who)
    agreement = award.agreement
    with pytest.raises(error):
        services.agreement_accept(agreement=agreement, actor=person, sha256=agreement.sha256)
    agreement.refresh_from_db()
    assert not agreement.recipient_accepted_at and not agreement.fund_accepted_at


def test_a_fund_administrator_who_is_an_editor_cannot_accept_for_the_fund(award, organization):
    insider = member_of(organization, "editor", staff_role="admin")
    with pytest.raises(PermissionDenied):
        services.agreement_accept(
            agreement=award.agreement, actor=insider, sha256=award.agreement.sha256
        )
