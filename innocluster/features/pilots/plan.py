"""The test plan agreed before the start (issue 20, step 3), the start itself, and the hand-over
of a challenge's winning entry (its pilot goes straight to the agreement).

The company (its owners and editors), the site (the responsible people of a site that agreed,
or of the challenge's poster) and the fund agree one version of the plan; a change withdraws
the agreements given. When all three agreed, the plan's SHA-256 (of its canonical JSON) goes
on the ledger. A pilot starts only with an agreed plan (PLAN_NOT_AGREED)."""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.platform.ledger.kinds import register_kind, register_subject
from innocluster.platform.ledger.services import ledger_append
from innocluster.platform.organizations.models import Membership

from . import notifications as notify
from .choices import ConsentStatus, PilotStatus
from .errors import PilotErrorCode as Code
from .errors import refused
from .models import RESULTS_OWNERSHIP, Pilot, TestPlan
from .proposal import kpis_errors
from .selectors import ACTING, site_side

COMPANY, SITE, FUND = "company", "site", "fund"
PARTIES = (COMPANY, SITE, FUND)
PLAN_FIELDS = ("starts_on", "ends_on", "kpis", "site_provides", "results_ownership", "confidential")
STANDARD_TERMS = RESULTS_OWNERSHIP  # in the hash, in English whatever the reader's language

register_actions(
    {
        "pilot.plan_changed": gettext_lazy("changed a pilot's test plan"),
        "pilot.plan_agreed": gettext_lazy("agreed a pilot's test plan"),
        "pilot.started": gettext_lazy("started a pilot"),
        "pilot.from_challenge": gettext_lazy("opened a pilot from a challenge's winning entry"),
    }
)
register_kind("pilot.plan_agreed", gettext_lazy("pilot test plan agreed"))
register_subject("pilot", gettext_lazy("pilot"))


def parties_of(*, pilot: Pilot, user) -> set[str]:
    """For which of the three `user` may agree the plan of `pilot`."""
    if not getattr(user, "is_authenticated", False):
        return set()
    parties = set()
    acting = Membership.objects.filter(user=user, role__in=ACTING)
    if acting.filter(organization_id=pilot.organization_id).exists():
        parties.add(COMPANY)
    if site_side(pilot).filter(pk=user.pk).exists():
        parties.add(SITE)
    if user.is_fund_staff:
        parties.add(FUND)
    return parties


def _locked(pilot: Pilot) -> Pilot:
    return Pilot.objects.select_for_update().select_related("organization").get(pk=pilot.pk)


def _plan_of(pilot: Pilot) -> TestPlan:
    plan, _created = TestPlan.objects.get_or_create(
        pilot=pilot,
        defaults={"kpis": pilot.kpis, "ends_on": None},
    )
    return plan


def _require_agreement_step(pilot: Pilot) -> None:
    if pilot.status != PilotStatus.AGREEMENT:
        raise Conflict(
            _("The pilot is %(stage)s: its plan is agreed at the agreement step.")
            % {"stage": pilot.get_status_display()},
            code=Code.PILOT_STATE,
        )


def _check_plan(plan: TestPlan) -> None:
    errors = {}
    if kpi_errors := kpis_errors(plan.kpis):
        errors["kpis"] = kpi_errors
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        text = _("The test ends after it starts.")
        errors["ends_on"] = [ValidationError(text, code=Code.PLAN_DATES)]
    if errors:
        raise ValidationError(errors)
    plan.full_clean(exclude=["pilot"])


def plan_update(*, pilot: Pilot, actor, **fields) -> TestPlan:
    """Change the plan (any of the three parties), at the agreement step; the agreements
    given are withdrawn and the version goes up."""
    unknown = sorted(set(fields) - set(PLAN_FIELDS))
    if unknown:
        raise refused(unknown[0], _("This field cannot be changed."), "not_editable")
    with transaction.atomic():
        pilot = _locked(pilot)
        if not parties_of(pilot=pilot, user=actor):
            raise NotFound(_("Not found."))
        _require_agreement_step(pilot)
        plan = _plan_of(pilot)
        for name, value in fields.items():
            setattr(plan, name, value.strip() if isinstance(value, str) else value)
        _check_plan(plan)
        plan.version += 1
        # A changed plan is a new plan: nothing agreed stands, not even a whole agreement (the
        # test would otherwise start on terms nobody agreed, under the old version's hash).
        plan.company_agreed_at = plan.site_agreed_at = plan.fund_agreed_at = None
        plan.agreed_at, plan.sha256 = None, ""
        plan.save()
        audit_record(
            actor=actor, action="pilot.plan_changed", target=pilot,
            organization=pilot.organization, changes={"version": plan.version},
        )  # fmt: skip
    return plan


def _missing_for_agreement(plan: TestPlan) -> dict:
    errors = {}
    for name in ("starts_on", "ends_on"):
        if getattr(plan, name) is None:
            errors[name] = [ValidationError(_("Give the test's dates."), code="required")]
    if not plan.kpis:
        errors["kpis"] = [ValidationError(_("Agree at least one KPI."), code=Code.NO_KPI)]
    if not plan.site_provides.strip():
        errors["site_provides"] = [
            ValidationError(_("Say what the site provides."), code="required")
        ]
    return errors


def plan_canonical(plan: TestPlan) -> dict:
    """What the ledger's hash covers: the plan as agreed, in a fixed form."""
    return {
        "pilot": plan.pilot_id,
        "version": plan.version,
        "company": {"id": plan.pilot.organization_id, "inn": plan.pilot.organization.inn},
        "sites": sorted(
            plan.pilot.consents.filter(status=ConsentStatus.AGREED).values_list(
                "site_id", flat=True
            )
        ),
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.ends_on.isoformat(),
        "kpis": plan.kpis,
        "site_provides": plan.site_provides,
        "results_ownership": plan.results_ownership or STANDARD_TERMS,
        "confidential": plan.confidential,
    }


def plan_sha256(plan: TestPlan) -> str:
    text = json.dumps(
        plan_canonical(plan), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(text.encode()).hexdigest()


def plan_agree(*, pilot: Pilot, actor, party: str, version: int | None = None) -> TestPlan:
    """`actor` agrees the plan for `party` (company, site or fund). `version`, when given,
    must be the one the actor read (409 if it changed meanwhile). When the third party
    agrees, the plan's hash goes on the ledger."""
    with transaction.atomic():
        pilot = _locked(pilot)
        parties = parties_of(pilot=pilot, user=actor)
        if not parties:
            raise NotFound(_("Not found."))
        if party not in parties:
            raise PermissionDenied(_("You do not agree this plan for that party."))
        _require_agreement_step(pilot)
        plan = _plan_of(pilot)
        if version is not None and version != plan.version:
            raise Conflict(_("The plan changed meanwhile: read it again."), code=Code.PLAN_CHANGED)
        if errors := _missing_for_agreement(plan):
            raise ValidationError(errors)
        now = timezone.now()
        setattr(plan, f"{party}_agreed_at", now)
        whole_before = plan.agreed_at is not None
        if not whole_before and all(getattr(plan, f"{name}_agreed_at") for name in PARTIES):
            plan.agreed_at, plan.sha256 = now, plan_sha256(plan)
            ledger_append(
                kind="pilot.plan_agreed",
                subject=f"pilot:{pilot.pk}",
                payload={"version": plan.version, "plan_sha256": plan.sha256},
            )
            notify.notify_company(pilot, notify.PLAN_AGREED)
            notify.notify_site_side(pilot, notify.PLAN_AGREED)
        plan.save()
        audit_record(
            actor=actor, action="pilot.plan_agreed", target=pilot,
            organization=pilot.organization, changes={"party": party, "version": plan.version},
        )  # fmt: skip
    return plan


def pilot_start(*, pilot: Pilot, actor) -> Pilot:
    """Start the test (the company or the site): only with the plan agreed by all three."""
    with transaction.atomic():
        pilot = _locked(pilot)
        parties = parties_of(pilot=pilot, user=actor)
        if not parties:
            raise NotFound(_("Not found."))
        if not parties & {COMPANY, SITE}:
            raise PermissionDenied(_("The company or the site starts the test."))
        _require_agreement_step(pilot)
        plan = TestPlan.objects.filter(pilot=pilot).first()
        if plan is None or plan.agreed_at is None:
            raise Conflict(
                _("The test plan is not agreed by the company, the site and the fund yet."),
                code=Code.PLAN_NOT_AGREED,
            )
        pilot.status, pilot.status_changed_at = PilotStatus.RUNNING, timezone.now()
        pilot.save(update_fields=["status", "status_changed_at", "updated_at"])
        audit_record(
            actor=actor, action="pilot.started", target=pilot, organization=pilot.organization
        )
        # The other side hears of it (testing.tell_the_other_side, which imports this module).
        if SITE in parties:
            notify.notify_company(pilot, notify.TEST_STARTED, actor=actor)
        if COMPANY in parties:
            notify.notify_site_side(pilot, notify.TEST_STARTED, actor=actor)
    return pilot


def create_pilot_from_entry(entry) -> int:
    """The challenges app's hook (registered in apps.py): a winning entry's pilot, at the
    agreement step, hosted by the challenge's poster, its plan drafted from the entry.
    Called inside the transaction that publishes the results; returns the pilot's id."""
    existing = Pilot.objects.filter(challenge_entry_id=entry.pk).first()
    if existing is not None:
        return existing.pk
    pilot = Pilot.objects.create(
        organization_id=entry.organization_id,
        host_organization_id=entry.challenge.organization_id,
        challenge_entry_id=entry.pk,
        title=entry.title[:300],
        what_to_test=entry.solution[:5_000],
        status=PilotStatus.AGREEMENT,
    )
    TestPlan.objects.create(pilot=pilot, site_provides=entry.pilot_plan[:5_000])
    audit_record(
        actor=None, action="pilot.from_challenge", target=pilot, organization=pilot.organization,
        changes={"entry": entry.pk},
    )  # fmt: skip
    notify.notify_company(pilot, notify.PLAN_TO_AGREE)
    return pilot.pk
