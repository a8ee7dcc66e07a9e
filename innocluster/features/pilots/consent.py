"""From an approved proposal to a pilot, and the sites' consent (issue 20, steps 1–2).

Approval opens the pilot and asks each chosen site: its responsible people agree, or decline
with a reason, within 5 business days; past that the fund is told once (tasks.py). The fund
may propose another site at any time before the plan is agreed. Once every site asked has
answered and one agreed, the pilot moves to the agreement of its test plan.

Locks, in one order everywhere: the pilot, then the sites (by id), then the consent."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.calendar import add_business_days, moscow_date
from innocluster.core.errors import Conflict, NotFound, PermissionDenied

from . import notifications as notify
from .choices import CONSENT_BUSINESS_DAYS, ConsentStatus, PilotStatus
from .errors import PilotErrorCode as Code
from .errors import refused
from .models import Pilot, PilotSite, SiteConsent
from .selectors import full_sites

register_actions(
    {
        "pilot.opened": gettext_lazy("opened a pilot"),
        "pilot.consent_agreed": gettext_lazy("agreed to host a pilot"),
        "pilot.consent_declined": gettext_lazy("declined to host a pilot"),
        "pilot.site_proposed": gettext_lazy("proposed another site for a pilot"),
    }
)


def _locked_sites(site_ids) -> list[PilotSite]:
    """The sites, locked by id, each with a free place (else a Conflict naming it)."""
    sites = list(PilotSite.objects.select_for_update().filter(pk__in=site_ids).order_by("pk"))
    full = full_sites(site_ids, sites=sites)
    if full:
        raise Conflict(
            _("The site «%(name)s» has no free place for a pilot now.") % {"name": full[0].name},
            code=Code.SITE_FULL,
        )
    return sites


def _ask(pilot: Pilot, sites) -> list[SiteConsent]:
    due = add_business_days(moscow_date(), CONSENT_BUSINESS_DAYS)
    consents = SiteConsent.objects.bulk_create(
        SiteConsent(pilot=pilot, site=site, due=due) for site in sites
    )
    for site in sites:
        company = pilot.organization.short_name
        notify.notify_site_people(
            pilot, site, notify.CONSENT_ASKED, company=company, due=due.isoformat()
        )
    return consents


def pilot_open_from_proposal(*, proposal, actor) -> Pilot:
    """The pilot of an approved proposal, in the approval's transaction: each chosen site is
    asked for its consent (refused whole, SITE_FULL, when a site filled up meanwhile); with
    "the fund picks" the fund is asked to propose a site."""
    sites = _locked_sites(proposal.sites)
    pilot = Pilot.objects.create(
        organization=proposal.case.organization,
        proposal=proposal,
        title=proposal.solution,
        what_to_test=proposal.what_to_test,
        kpis=proposal.kpis,
        duration_weeks=proposal.duration_weeks,
    )
    _ask(pilot, sites)
    if not sites:
        notify.notify_fund(pilot, notify.SITE_TO_PICK, company=pilot.organization.short_name)
    audit_record(
        actor=actor,
        action="pilot.opened",
        target=pilot,
        organization=pilot.organization,
        changes={"case": proposal.case.number, "sites": [site.pk for site in sites]},
    )
    return pilot


def _locked_pilot(pilot: Pilot) -> Pilot:
    return Pilot.objects.select_for_update().select_related("organization").get(pk=pilot.pk)


def consent_answer(*, consent: SiteConsent, actor, agree: bool, reason: str = "") -> SiteConsent:
    """A site's answer, by one of its responsible people (anybody else: 404, as if the
    request did not exist). Declining needs a reason. Once every site asked has answered
    and one agreed, the pilot goes on to the agreement of its plan."""
    if not consent.site.people.filter(pk=getattr(actor, "pk", None)).exists():
        raise NotFound(_("Not found."))
    reason = reason.strip()
    if not agree and not reason:
        message = _("Say why the site declines.")
        raise refused("reason", message, "required")
    with transaction.atomic():
        pilot = _locked_pilot(consent.pilot)
        consent = SiteConsent.objects.select_for_update().get(pk=consent.pk)
        if consent.status != ConsentStatus.PENDING or pilot.status != PilotStatus.CONSENT:
            raise Conflict(_("This request was answered already."), code=Code.CONSENT_ANSWERED)
        consent.status = ConsentStatus.AGREED if agree else ConsentStatus.DECLINED
        consent.reason, consent.answered_by, consent.answered_at = reason, actor, timezone.now()
        consent.save(update_fields=["status", "reason", "answered_by", "answered_at"])
        _after_answers(pilot)
        action = "pilot.consent_agreed" if agree else "pilot.consent_declined"
        audit_record(
            actor=actor, action=action, target=pilot, organization=consent.site.organization,
            changes={"site": consent.site_id, "reason": reason},
        )  # fmt: skip
        answer = consent.get_status_display()
        for tell in (notify.notify_company, notify.notify_fund):
            tell(pilot, notify.CONSENT_ANSWERED, site=consent.site.name, answer=answer,
                 reason=reason or "—")  # fmt: skip
    return consent


def _after_answers(pilot: Pilot) -> None:
    statuses = set(pilot.consents.values_list("status", flat=True))
    if ConsentStatus.PENDING not in statuses and ConsentStatus.AGREED in statuses:
        pilot.status, pilot.status_changed_at = PilotStatus.AGREEMENT, timezone.now()
        pilot.save(update_fields=["status", "status_changed_at", "updated_at"])
        notify.notify_company(pilot, notify.PLAN_TO_AGREE)


def consent_propose_site(*, pilot: Pilot, actor, site: PilotSite) -> SiteConsent:
    """The fund proposes (another) site for a pilot still waiting for its sites' consent."""
    if not getattr(actor, "is_fund_staff", False):
        raise PermissionDenied(_("Only the fund's staff propose a site."))
    with transaction.atomic():
        pilot = _locked_pilot(pilot)
        if pilot.status != PilotStatus.CONSENT:
            raise Conflict(_("The pilot is past the sites' consent."), code=Code.PILOT_STATE)
        if not site.is_published:
            raise refused("site", _("Choose a published pilot site."), Code.UNKNOWN_SITE)
        if pilot.consents.filter(site=site).exists():
            message = _("This site was asked already.")
            raise refused("site", message, Code.SITE_ASKED)
        (consent,) = _ask(pilot, _locked_sites([site.pk]))
        audit_record(
            actor=actor, action="pilot.site_proposed", target=pilot,
            organization=pilot.organization, changes={"site": site.pk},
        )  # fmt: skip
    return consent


def consents_overdue_report(*, today=None) -> int:
    """Tell the fund, once, of each site's answer past its due day; the count told."""
    today = today or moscow_date()
    overdue = SiteConsent.objects.filter(
        status=ConsentStatus.PENDING,
        due__lt=today,
        overdue_reported_at__isnull=True,
        pilot__status=PilotStatus.CONSENT,
    ).select_related("pilot", "site")
    told = 0
    for consent in overdue:
        with transaction.atomic():
            updated = SiteConsent.objects.filter(
                pk=consent.pk, overdue_reported_at__isnull=True
            ).update(overdue_reported_at=timezone.now())
            if updated:
                # ISO: each reader sees the date as their language writes it (rendering.py).
                due = consent.due.isoformat()
                notify.notify_fund(
                    consent.pilot, notify.CONSENT_OVERDUE, site=consent.site.name, due=due
                )
                told += 1
    return told
