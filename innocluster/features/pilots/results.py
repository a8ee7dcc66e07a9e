"""The end of a pilot (issue 20, steps 5 and 6): the site's report and the published result.

Once the test is finished, the site (the responsible people of a site that agreed, or the
challenge poster's owners and editors) files one structured report: each agreed KPI's value
measured in that KPI's unit (a value in another unit is refused, KPI_UNIT; a percentage lies
in 0–100, points in 0–10, anything else is not negative, KPI_VALUE), the users' opinion,
recommendations, whether it would buy, and remarks that stay confidential. Before the end it
is refused (REPORT_EARLY). The company may answer it; then the company or the fund publishes
the result: the pilot's public page, in the catalogue of results and the one search, on the
company's profile; the report's SHA-256 (of its canonical JSON, less the confidential
remarks) goes on the ledger in the same transaction.

Who is told (notifications.py), never the one who acted: a filed report, the company and the
fund; the company's answer, the site (plan.parties_of's site: the people of the sites that
agreed, or the hosting poster's owners and editors); the published result, the company and
the site, with a link to the public page."""

import hashlib
import json
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.errors import Conflict, NotFound, PermissionDenied
from innocluster.core.regions import MOSCOW
from innocluster.platform.ledger.kinds import register_kind
from innocluster.platform.ledger.services import ledger_append

from . import notifications as notify
from .choices import ConsentStatus, KpiUnit, PilotStatus, SiteCategory
from .errors import PilotErrorCode as Code
from .errors import refused
from .models import Pilot, PilotReport, TestPlan
from .plan import COMPANY, FUND, SITE, parties_of

register_actions(
    {
        "pilot.report_filed": gettext_lazy("filed a pilot's report"),
        "pilot.report_answered": gettext_lazy("answered a pilot's report"),
        "pilot.result_published": gettext_lazy("published a pilot's result"),
    }
)
register_kind("pilot.result_published", gettext_lazy("pilot result published"))

# The range of a measured value, by unit (lowest, highest; None: no bound).
RANGES = {KpiUnit.PERCENT: (Decimal(0), Decimal(100)), KpiUnit.SCORE: (Decimal(0), Decimal(10))}
NOT_NEGATIVE = (Decimal(0), None)
LARGEST = Decimal("1e12")
REPORT_TEXTS = ("users_opinion", "recommendations", "confidential")


def _locked(pilot: Pilot) -> Pilot:
    return Pilot.objects.select_for_update().select_related("organization").get(pk=pilot.pk)


def _parties(pilot: Pilot, actor) -> set[str]:
    parties = parties_of(pilot=pilot, user=actor)
    if not parties:
        raise NotFound(_("Not found."))
    return parties


def _value(raw, unit: str, number: int) -> Decimal:
    """The measured value of KPI `number` in `unit`: a number within the unit's range."""
    low, high = RANGES.get(unit, NOT_NEGATIVE)
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        value = None
    if isinstance(raw, bool) or value is None or not value.is_finite() or abs(value) >= LARGEST:
        text = _("KPI %(n)d: the measured value is a number.") % {"n": number}
        raise ValidationError(text, code=Code.KPI_VALUE)
    if value.as_tuple().exponent < -4:
        text = _("KPI %(n)d: at most four decimal places.") % {"n": number}
        raise ValidationError(text, code=Code.KPI_VALUE)
    if value < low or (high is not None and value > high):
        label = KpiUnit(unit).label
        if high is None:
            text = _("KPI %(n)d: a value in %(unit)s is not negative.")
        else:
            text = _("KPI %(n)d: a value in %(unit)s lies between %(low)s and %(high)s.")
        raise ValidationError(
            text % {"n": number, "unit": label, "low": low, "high": high}, code=Code.KPI_VALUE
        )
    return value


def measured_values(kpis: list[dict], values) -> list[dict]:
    """The agreed `kpis`, each with its measured value from `values` ([{unit, value}], in the
    KPIs' order): every KPI measured, each in its own unit. ValidationError under "measured"
    listing every problem at once."""
    if not isinstance(values, list) or len(values) != len(kpis):
        text = _("Give a measured value for each of the %(n)d agreed KPIs.") % {"n": len(kpis)}
        raise refused("measured", text, Code.KPI_VALUE)
    rows, errors = [], []
    for number, (kpi, given) in enumerate(zip(kpis, values, strict=True), start=1):
        if not isinstance(given, dict) or given.get("value") in (None, ""):
            text = _("KPI %(n)d: give the measured value.") % {"n": number}
            errors.append(ValidationError(text, code=Code.KPI_VALUE))
            continue
        unit = given.get("unit", kpi["unit"])
        if unit != kpi["unit"]:
            text = _("KPI %(n)d «%(name)s» is measured in %(unit)s.") % {
                "n": number, "name": kpi["name"], "unit": KpiUnit(kpi["unit"]).label,
            }  # fmt: skip
            errors.append(ValidationError(text, code=Code.KPI_UNIT))
            continue
        try:
            value = _value(given["value"], unit, number)
        except ValidationError as error:
            errors.append(error)
            continue
        rows.append({**kpi, "value": format(value.normalize(), "f")})
    if errors:
        raise ValidationError({"measured": errors})
    return rows


def _where(pilot: Pilot) -> tuple[str, str, str]:
    """The category and region of the pilot's first agreed site, and its sites' names."""
    consents = pilot.consents.filter(status=ConsentStatus.AGREED).select_related("site")
    sites = [consent.site for consent in consents.order_by("asked_at", "id")]
    names = "; ".join(f"{site.name}, {site.address}" for site in sites)[:2_000]
    if sites:
        return sites[0].category, sites[0].region, names
    host = pilot.host_organization
    region = getattr(host, "region", "") or MOSCOW
    return SiteCategory.OTHER, region, getattr(host, "short_name", "")[:2_000]


def report_file(
    *, pilot: Pilot, actor, measured, users_opinion: str, would_buy: bool,
    recommendations: str = "", confidential: str = "",
) -> PilotReport:  # fmt: skip
    """The site's report on the finished test (once): REPORT_EARLY before the end."""
    with transaction.atomic():
        pilot = _locked(pilot)
        if SITE not in _parties(pilot, actor):
            raise PermissionDenied(_("The site files the report on the test."))
        if pilot.status in (PilotStatus.FINISHED, PilotStatus.PUBLISHED):
            if PilotReport.objects.filter(pilot=pilot).exists():
                raise Conflict(_("The site's report is filed already."), code=Code.REPORT_FILED)
        elif pilot.status == PilotStatus.STOPPED:
            text = _("The test was stopped early: it ends without the site's report.")
            raise Conflict(text, code=Code.PILOT_STATE)
        else:
            text = _("The site reports once the test is finished; it is %(stage)s.")
            raise Conflict(text % {"stage": pilot.get_status_display()}, code=Code.REPORT_EARLY)
        plan = TestPlan.objects.get(pilot=pilot)
        rows = measured_values(plan.kpis, measured)
        category, region, sites = _where(pilot)
        report = PilotReport(
            pilot=pilot, organization=pilot.organization, title=pilot.title, category=category,
            region=region, sites_text=sites, measured=rows, users_opinion=users_opinion.strip(),
            recommendations=recommendations.strip(), would_buy=would_buy,
            confidential=confidential.strip(), filed_by=actor,
        )  # fmt: skip
        if not report.users_opinion:
            raise refused("users_opinion", _("Say what the users think."), "required")
        report.full_clean(exclude=["pilot", "organization", "filed_by"])
        report.save()
        audit_record(
            actor=actor, action="pilot.report_filed", target=pilot,
            organization=pilot.organization, changes={"would_buy": would_buy},
        )  # fmt: skip
        notify.notify_company(pilot, notify.REPORT_FILED, actor=actor)
        notify.notify_fund(pilot, notify.REPORT_FILED, actor=actor)
    return report


def _report_of(pilot: Pilot) -> PilotReport:
    report = PilotReport.objects.filter(pilot=pilot).first()
    if report is None:
        raise Conflict(_("The site has not filed its report yet."), code=Code.REPORT_MISSING)
    if report.is_published:
        raise Conflict(
            _("The result is published and no longer changes."), code=Code.REPORT_PUBLISHED
        )
    return report


def report_answer(*, pilot: Pilot, actor, text: str) -> PilotReport:
    """The company answers the site's report, before the result is published."""
    text = text.strip()
    with transaction.atomic():
        pilot = _locked(pilot)
        if COMPANY not in _parties(pilot, actor):
            raise PermissionDenied(_("The company answers the site's report."))
        report = _report_of(pilot)
        if not text:
            raise refused("text", _("Write the answer."), "required")
        report.company_answer, report.answered_at = text, timezone.now()
        report.full_clean(exclude=["pilot", "organization", "filed_by"])
        report.save(update_fields=["company_answer", "answered_at", "updated_at"])
        audit_record(
            actor=actor, action="pilot.report_answered", target=pilot,
            organization=pilot.organization,
        )  # fmt: skip
        notify.notify_site_side(
            pilot, notify.REPORT_ANSWERED, actor=actor, company=pilot.organization.short_name,
            answer=_excerpt(text),
        )  # fmt: skip
    return report


def _excerpt(text: str) -> str:
    if len(text) <= notify.ANSWER_EXCERPT:
        return text
    return text[: notify.ANSWER_EXCERPT - 1].rstrip() + "…"


def report_canonical(report: PilotReport, *, plan: TestPlan | None = None) -> dict:
    """What the ledger's hash covers: the published report in a fixed form, less the
    confidential remarks (anybody can check the hash against the public page). `plan`: the
    pilot's, when the caller has it."""
    pilot = report.pilot
    plan = plan or TestPlan.objects.filter(pilot=pilot).first()
    return {
        "pilot": pilot.pk,
        "company": {"id": pilot.organization_id, "inn": pilot.organization.inn},
        "title": report.title,
        "sites": report.sites_text,
        "plan_sha256": plan.sha256 if plan else "",
        "measured": report.measured,
        "users_opinion": report.users_opinion,
        "recommendations": report.recommendations,
        "would_buy": report.would_buy,
        "company_answer": report.company_answer,
    }


def report_sha256(report: PilotReport, *, plan: TestPlan | None = None) -> str:
    text = json.dumps(
        report_canonical(report, plan=plan), ensure_ascii=False, sort_keys=True,
        separators=(",", ":"),
    )  # fmt: skip
    return hashlib.sha256(text.encode()).hexdigest()


def result_publish(*, pilot: Pilot, actor) -> PilotReport:
    """Publish the finished pilot's result (the company or the fund): the report's hash goes
    on the ledger and the pilot's public page opens."""
    with transaction.atomic():
        pilot = _locked(pilot)
        if not _parties(pilot, actor) & {COMPANY, FUND}:
            raise PermissionDenied(_("The company or the fund publishes the result."))
        report = _report_of(pilot)
        now = timezone.now()
        report.sha256 = report_sha256(report)
        report.is_published, report.published_at = True, now
        report.save(update_fields=["sha256", "is_published", "published_at", "updated_at"])
        pilot.status, pilot.status_changed_at = PilotStatus.PUBLISHED, now
        pilot.save(update_fields=["status", "status_changed_at", "updated_at"])
        ledger_append(
            kind="pilot.result_published",
            subject=f"pilot:{pilot.pk}",
            payload={"report_sha256": report.sha256},
        )
        audit_record(
            actor=actor, action="pilot.result_published", target=pilot,
            organization=pilot.organization, changes={"sha256": report.sha256},
        )  # fmt: skip
        public = reverse("pilots:result", kwargs={"pk": report.pk})
        notify.notify_company(pilot, notify.RESULT_PUBLISHED, actor=actor, url=public)
        notify.notify_site_side(pilot, notify.RESULT_PUBLISHED, actor=actor, url=public)
    return report
