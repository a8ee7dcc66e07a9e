"""Who may apply to a measure: each criterion checked against an organization, met or not,
with the one step that would meet it where the organization can take one itself."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from innocluster.core.calendar import moscow_date
from innocluster.platform.organizations.choices import OrganizationKind, OrganizationType
from innocluster.platform.status.selectors import MOSCOW, status_of

from .choices import RequiredStatus
from .models import Call, Measure

SME_MAX_HEADCOUNT = 250  # Federal Law 209-FZ: medium businesses employ up to 250 people


@dataclass(frozen=True)
class Check:
    code: str
    requirement: str
    met: bool
    detail: str = ""
    step: str = ""  # what the organization can do to meet it ("" if nothing)
    step_url: str = ""


@dataclass
class Eligibility:
    measure: Measure
    checks: list[Check] = field(default_factory=list)
    open_call: Call | None = None
    next_call: Call | None = None

    @property
    def unmet(self) -> list[Check]:
        return [check for check in self.checks if not check.met]

    @property
    def eligible(self) -> bool:
        return not self.unmet

    @property
    def can_apply_now(self) -> bool:
        return self.eligible and self.open_call is not None

    @property
    def one_step_away(self) -> bool:
        unmet = self.unmet
        return len(unmet) == 1 and bool(unmet[0].step)


def eligibility(*, measure: Measure, organization, status=..., today=None) -> Eligibility:
    """Every criterion of `measure` for `organization`. Pass `status` (or None) when the
    caller has it already; prefetch the measure's industries and calls for lists."""
    today = today or moscow_date()
    if status is ...:
        status = status_of(organization=organization)
    result = Eligibility(measure=measure)
    result.checks = [
        check
        for check in (
            _applicant_kind(measure, organization),
            _status(measure, organization, status),
            _region(measure, organization),
            _org_type(measure, organization),
            _industry(measure, organization),
            _sme(measure, organization),
            _age(measure, organization, today),
        )
        if check is not None
    ]
    calls = sorted(measure.calls.all(), key=lambda call: call.opens_on)
    result.open_call = next((call for call in calls if call.is_open(today)), None)
    result.next_call = next((call for call in calls if call.opens_on > today), None)
    return result


def _applicant_kind(measure, organization) -> Check:
    allowed = {
        OrganizationKind.LEGAL_ENTITY: measure.for_legal_entities,
        OrganizationKind.SOLE_PROPRIETOR: measure.for_sole_proprietors,
    }
    names = [str(OrganizationKind(kind).label) for kind, ok in allowed.items() if ok]
    return Check(
        "applicant_kind",
        _("Applicant: %(kinds)s") % {"kinds": ", ".join(names)},
        allowed.get(organization.kind, False),
        str(OrganizationKind(organization.kind).label),
    )


def _status(measure, organization, status) -> Check | None:
    required = measure.required_status
    if required == RequiredStatus.NONE:
        return None
    active = status is not None and status.is_active
    met = active and (required == RequiredStatus.PARTNER or status.is_active_participant)
    requirement = (
        _("Status: cluster participant")
        if required == RequiredStatus.PARTICIPANT
        else _("Status: cluster participant or partner")
    )
    if met:
        return Check("status", requirement, True, status.kind_label)
    if status is not None:  # suspended, revoked, or a partner where a participant is required
        detail = f"{status.kind_label}, {status.state_label}"
        return Check("status", requirement, False, detail)
    can_become = required == RequiredStatus.PARTNER or organization.region == MOSCOW
    return Check(
        "status",
        requirement,
        False,
        _("no status"),
        step=_("Apply for the status") if can_become else "",
        step_url=reverse("participation:home") if can_become else "",
    )


def _region(measure, organization) -> Check | None:
    if not measure.regions:
        return None
    return Check(
        "region",
        _("Registered in: %(regions)s") % {"regions": ", ".join(measure.regions)},
        organization.region in measure.regions,
        organization.region_name,
    )


def _org_type(measure, organization) -> Check | None:
    if not measure.org_types:
        return None
    labels = [str(OrganizationType(code).label) for code in measure.org_types]
    return Check(
        "org_type",
        _("Organization type: %(types)s") % {"types": ", ".join(labels)},
        organization.org_type in measure.org_types,
        organization.get_org_type_display() if organization.org_type else _("not given"),
    )


def _industry(measure, organization) -> Check | None:
    wanted = {industry.pk: industry.name for industry in measure.industries.all()}
    if not wanted:
        return None
    own = {industry.pk for industry in organization.industries.all()}
    return Check(
        "industry",
        _("Industry: %(industries)s") % {"industries": ", ".join(sorted(wanted.values()))},
        bool(own & wanted.keys()),
        ", ".join(sorted(wanted[pk] for pk in own & wanted.keys())) or _("none of these"),
    )


def _sme(measure, organization) -> Check | None:
    if not measure.sme_only:
        return None
    requirement = _("Small or medium business (up to %(n)d people)") % {"n": SME_MAX_HEADCOUNT}
    if organization.headcount is None:
        return _profile_step(
            "sme", requirement, _("Add the headcount to the profile"), organization
        )
    return Check(
        "sme",
        requirement,
        organization.headcount <= SME_MAX_HEADCOUNT,
        _("%(n)d people") % {"n": organization.headcount},
    )


def _age(measure, organization, today) -> Check | None:
    years = measure.min_company_age_years
    if not years:
        return None
    requirement = _("The company is at least %(n)d years old") % {"n": years}
    if organization.year_founded is None:
        step = _("Add the year founded to the profile")
        return _profile_step("age", requirement, step, organization)
    return Check(
        "age",
        requirement,
        today.year - organization.year_founded >= years,
        _("founded in %(year)d") % {"year": organization.year_founded},
    )


def _profile_step(code, requirement, step, organization) -> Check:
    url = reverse("organizations:edit", kwargs={"pk": organization.pk})
    return Check(code, requirement, False, _("not in the profile"), step=step, step_url=url)
