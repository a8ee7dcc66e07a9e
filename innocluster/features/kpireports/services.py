"""The writes of KPI reporting: the fund opens a campaign; an organization's owner or editor
opens its report (once, whoever comes first); the daily job reminds those who have not filed.
Changing, submitting and deciding a report are the submission kit's own steps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.models import Organization
from innocluster.platform.organizations.permissions import APPLY
from innocluster.platform.organizations.selectors import organization_ids_of, people_of
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.choices import CaseStatus
from innocluster.platform.status.selectors import PARTICIPANT, with_active_status

from .choices import REMINDER_DAYS
from .errors import KpiErrorCode as Code
from .kind import CASE_KIND
from .models import Campaign, Indicator, KpiReport, ReportDue

register_actions(
    {
        "kpireports.campaign_opened": gettext_lazy("opened the KPI reporting campaign"),
        "kpireports.campaign_closed": gettext_lazy("closed the KPI reporting campaign"),
    }
)

# A report in these counts as filed (or being filed): a rejected or withdrawn one does not.
LIVE_STATUSES = (
    CaseStatus.DRAFT,
    CaseStatus.SUBMITTED,
    CaseStatus.IN_REVIEW,
    CaseStatus.INFO_REQUESTED,
    CaseStatus.RESUBMITTED,
    CaseStatus.APPROVED,
)
FILED_STATUSES = LIVE_STATUSES[1:]


def campaign_open(*, year: int, deadline, actor, announce: bool = True) -> Campaign:
    """Open the reports of `year`, due by `deadline` (Moscow, the day included): every
    organization with active participant status now owes one. One campaign per year (a
    unique constraint); its indicators are the catalogue's now. The participants hear of it
    from a background pass after the commit."""
    if not getattr(actor, "is_fund_admin", False):
        raise PermissionDenied(_("Only a fund administrator can open a reporting campaign."))
    if deadline.year <= year:
        text = _("The deadline falls after the year reported (e.g. 1 April %(next)s).")
        raise ValidationError(
            {"deadline": ValidationError(text % {"next": year + 1}, code=Code.BAD_DEADLINE)}
        )
    codes = list(Indicator.objects.filter(is_active=True).values_list("code", flat=True))
    with transaction.atomic():
        if Campaign.objects.select_for_update().filter(year=year).exists():
            raise Conflict(
                _("The campaign for %(year)s is open already.") % {"year": year},
                code=Code.CAMPAIGN_EXISTS,
            )
        campaign = Campaign.objects.create(
            year=year, deadline=deadline, indicator_codes=codes, opened_by=actor
        )
        participants = with_active_status(Organization.objects.all(), kinds=(PARTICIPANT,))
        ReportDue.objects.bulk_create(
            (ReportDue(campaign=campaign, organization_id=pk)
             for pk in participants.values_list("pk", flat=True).iterator(chunk_size=5000)),
            batch_size=5000,
        )  # fmt: skip
        audit_record(
            actor=actor,
            action="kpireports.campaign_opened",
            target=campaign,
            changes={"year": year, "deadline": deadline.isoformat()},
        )
        if announce:
            from .tasks import kpireports_announce

            transaction.on_commit(lambda: kpireports_announce.enqueue(campaign_id=campaign.pk))
    return campaign


def campaign_close(*, campaign: Campaign, actor) -> Campaign:
    """No new reports after this; those open go on to their decision."""
    if not getattr(actor, "is_fund_admin", False):
        raise PermissionDenied(_("Only a fund administrator can close a reporting campaign."))
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.closed_at is None:
            campaign.closed_at = timezone.now()
            campaign.save(update_fields=["closed_at"])
            audit_record(actor=actor, action="kpireports.campaign_closed", target=campaign)
    return campaign


def open_campaign_for(year) -> Campaign:
    """The open campaign of `year`, else a refusal under `year` (400)."""
    campaign = Campaign.objects.filter(year=year, closed_at__isnull=True).first()
    if campaign is None:
        text = _("Reports for %(year)s are not open.") % {"year": year}
        raise ValidationError({"year": ValidationError(text, code=Code.YEAR_NOT_OPEN)})
    return campaign


def report_open(*, campaign: Campaign, organization, actor, fields=None) -> KpiReport:
    """The organization's report for `campaign`: the one opened already (by whoever came
    first: the ReportDue row is locked, so two members opening it at once get one report), or
    a new draft filled from what the platform knows. Refused for a closed campaign, for an
    organization that owes none, and (404) for a person who is not its owner or editor.
    `fields` (figures, comment, contact) go into the report, new or open, in the same
    transaction: refused, nothing is written."""
    if (
        not organization_ids_of(user=actor, ability=APPLY)
        .filter(organization_id=organization.pk)
        .exists()
    ):
        raise NotFound(_("Organization not found."))
    with transaction.atomic():
        open_campaign_for(campaign.year)  # as it stands now, not as the caller last read it
        due = (
            ReportDue.objects.select_for_update()
            .filter(campaign=campaign, organization=organization)
            .first()
        )
        existing = _live_report(campaign, organization)
        if existing is not None:
            if fields:
                return reviews.submission_update(submission=existing, actor=actor, fields=fields)
            return existing
        if due is None:
            text = _("%(name)s owes no KPI report for %(year)s.") % {
                "name": organization.short_name,
                "year": campaign.year,
            }
            raise ValidationError({"year": ValidationError(text, code=Code.NOT_DUE)})
        return reviews.submission_create(
            kind=CASE_KIND,
            organization=organization,
            actor=actor,
            fields={**(fields or {}), "campaign": campaign},
        )


def _live_report(campaign, organization) -> KpiReport | None:
    return (
        KpiReport.objects.select_related("case", "campaign")
        .filter(
            campaign=campaign,
            case__organization=organization,
            case__status__in=LIVE_STATUSES,
        )
        .first()
    )


def reminders_send(*, today=None) -> int:
    """Remind every organization of an open campaign that has not filed, 30, 7 and 1 days
    before the deadline: the tightest reminder due, once per organization (a conditional
    update claims it, so a second run, or a second scheduler, sends nothing). A run missed
    is made up by the next day's. Returns the organizations reminded."""
    today = today or moscow_date()
    sent = 0
    for campaign in Campaign.objects.filter(closed_at__isnull=True, deadline__gte=today):
        days_left = (campaign.deadline - today).days
        due = [days for days in REMINDER_DAYS if days_left <= days]
        if due:
            sent += _remind_campaign(campaign, min(due), days_left)
    return sent


def _remind_campaign(campaign: Campaign, threshold: int, days_left: int) -> int:
    sent = 0
    pending = dues_not_filed(campaign).exclude(reminded_days__lte=threshold)
    for due_id in pending.values_list("pk", flat=True).iterator(chunk_size=2000):
        with transaction.atomic():
            claimed = (
                ReportDue.objects.filter(pk=due_id)
                .exclude(reminded_days__lte=threshold)
                .update(reminded_days=threshold)
            )
            if claimed:
                due = ReportDue.objects.select_related("organization").get(pk=due_id)
                _notify(due, "kpireports.reminder", days=max(days_left, 1))
                sent += 1
    return sent


def dues_not_filed(campaign: Campaign):
    """The campaign's organizations without a report filed (a draft is not filed)."""
    filed = KpiReport.objects.filter(campaign=campaign, case__status__in=FILED_STATUSES)
    return ReportDue.objects.filter(campaign=campaign).exclude(
        organization_id__in=filed.values("case__organization_id")
    )


def campaign_announce(*, campaign_id: int) -> int:
    """Tell every organization that owes the campaign a report (the background pass after the
    opening); each organization in its own transaction."""
    campaign = Campaign.objects.get(pk=campaign_id)
    dues = ReportDue.objects.filter(campaign=campaign).select_related("organization", "campaign")
    count = 0
    for due in dues.iterator(chunk_size=2000):
        with transaction.atomic():
            _notify(due, "kpireports.opened")
            count += 1
    return count


def _notify(due: ReportDue, kind: str, **context) -> None:
    campaign = due.campaign
    notification_send(
        recipients=people_of(organization_id=due.organization_id),
        kind=kind,
        context={
            "organization": due.organization.short_name,
            "year": campaign.year,
            "deadline": campaign.deadline.isoformat(),  # shown in each reader's format
            **context,
        },
        url=reverse("kpireports:mine"),
    )
