"""Demo statuses and review cases, so the register and the reviewers' queue have something in
them on a first run.

Granted statuses are written in bulk (with their history and their ledger entries, as the
service would write them); the open cases go through the real services, then a few have their
dates moved back so the queue shows cases due soon and overdue.
"""

import datetime as dt
import io
import random
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfWriter

from innocluster.core.calendar import add_business_days, moscow_date
from innocluster.platform.accounts.models import User
from innocluster.platform.ledger.services import ledger_append_many
from innocluster.platform.organizations.models import Membership, Organization
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.models import Case

from . import services
from .choices import MOSCOW_REGION, REQUIRED_DOCUMENTS, StatusAction, StatusKind, StatusState
from .models import Status, StatusChange
from .services.status import register_number_for

PARTICIPANT_SHARE = 0.55  # of Moscow organizations
PARTNER_SHARE = 0.35  # of the others
BATCH = 2000


@dataclass
class StatusReport:
    statuses: int = 0
    open_cases: int = 0


def load_demo_statuses(*, seed: int, open_cases: int = 24, keep_free=(), always=()) -> StatusReport:
    """Grant statuses to a share of the organizations that have none, and open `open_cases`
    applications through the services. Organizations in `keep_free` stay without (the
    newcomer's own, so they can try applying); those in `always` get theirs (the tour's
    participant and partner: participant in Moscow, partner elsewhere)."""
    rng = random.Random(seed)
    candidates = Organization.objects.filter(cluster_status__isnull=True).exclude(pk__in=keep_free)
    chosen, left = [], []
    for pk, region in candidates.order_by("pk").values_list("pk", "region").iterator():
        share = PARTICIPANT_SHARE if region == MOSCOW_REGION else PARTNER_SHARE
        # The draw happens either way, so `always` changes no other organization's lot.
        drawn = rng.random() < share
        (chosen if drawn or pk in always else left).append((pk, region))
    report = StatusReport()
    for start in range(0, len(chosen), BATCH):
        report.statuses += _grant(chosen[start : start + BATCH], rng)
    report.open_cases = _open_cases([pk for pk, _region in left[:open_cases]], rng)
    return report


@transaction.atomic
def _grant(batch: list[tuple[int, str]], rng: random.Random) -> int:
    today = moscow_date()
    organizations = Organization.objects.in_bulk([pk for pk, _region in batch])
    statuses = [
        Status(
            organization_id=pk,
            kind=StatusKind.PARTICIPANT if region == MOSCOW_REGION else StatusKind.PARTNER,
            state=StatusState.ACTIVE,
            register_number=register_number_for(organizations[pk]),
            granted_on=today - dt.timedelta(days=rng.randint(1, 6 * 365)),
        )
        for pk, region in batch
    ]
    Status.objects.bulk_create(statuses)
    statuses = Status.objects.filter(organization_id__in=organizations).select_related(
        "organization"
    )
    StatusChange.objects.bulk_create(
        StatusChange(status=s, action=StatusAction.GRANTED, kind=s.kind, state=s.state)
        for s in statuses
    )
    ledger_append_many(facts=[_fact(status) for status in statuses])
    return len(batch)


def _fact(status: Status) -> dict:
    return {
        "kind": "participation.granted",
        "subject": status.ledger_subject,
        "payload": {
            "register_number": status.register_number,
            "organization": {"id": status.organization_id, "inn": status.organization.inn},
            "status": status.kind,
            "state": status.state,
            "grounds": "",
            "case": "",
            "effective_on": status.granted_on.isoformat(),
            "demo": True,
        },
    }


def _open_cases(organization_ids: list[int], rng: random.Random) -> int:
    reviewer = User.objects.filter(staff_role="reviewer").order_by("pk").first()
    opened = 0
    for membership in Membership.objects.filter(
        organization_id__in=organization_ids, role="owner"
    ).select_related("organization", "user"):
        if Case.objects.filter(organization=membership.organization).exists():
            continue
        case = _submitted(membership.organization, membership.user)
        if case is None:
            continue
        _age(case, days_ago=rng.randint(0, 16), reviewer=reviewer, rng=rng)
        opened += 1
    return opened


def _submitted(organization, owner):
    if not organization.industries.exists():
        return None
    application = services.status_application_create(
        organization=organization,
        actor=owner,
        contact_phone=owner.phone or "+7 495 000-00-00",
        confirm_data_true=True,
        confirm_rules=True,
        confirm_personal_data=True,
    )
    for doc_type in REQUIRED_DOCUMENTS:
        reviews.submission_document_add(
            submission=application, actor=owner, doc_type=doc_type, upload=demo_pdf(doc_type)
        )
    return reviews.case_submit(case=application.case, actor=owner)


def _age(case: Case, *, days_ago: int, reviewer, rng: random.Random) -> None:
    """Move a new case's submission back, so the queue shows a spread of deadlines."""
    submitted_on = moscow_date() - dt.timedelta(days=days_ago)
    case.submitted_at = timezone.now() - dt.timedelta(days=days_ago)
    case.decision_due = add_business_days(submitted_on, 10)
    case.save(update_fields=["submitted_at", "decision_due"])
    case.events.update(at=case.submitted_at)
    case.events.filter(action="submitted").update(decision_due=case.decision_due)
    if reviewer is not None and rng.random() < 0.4:
        reviews.case_take(case=case, reviewer=reviewer)


def demo_pdf(name: str) -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(f"{name}.pdf", buffer.getvalue(), content_type="application/pdf")
