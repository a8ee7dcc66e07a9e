"""A grant from a pilot (issue 20, step 7): an application to a measure such as "pilot
testing" refers to the applicant's own pilot at city sites, and its draft is filled from it.

Another company's pilot, or no such pilot, is a 404 (it is not told to exist); a measure that
requires a pilot refuses a draft without one (PILOT_REQUIRED) or with one whose test plan the
company, the site and the fund have not all agreed (PILOT_NOT_AGREED); one application per
test (PILOT_GRANT_EXISTS), rejected and withdrawn ones aside, so the measure's cap per
application is its cap per test. The pilots app's selector reads the pilot."""

from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from innocluster.core.errors import NotFound
from innocluster.features.pilots import selectors as pilot_selectors
from innocluster.platform.reviews.choices import CaseStatus

from ..errors import SupportErrorCode, refused
from ..models import GrantApplication

SETTLED = (CaseStatus.REJECTED, CaseStatus.WITHDRAWN)


def pilot_values(*, measure, organization, pilot_id) -> dict:
    """The draft's values taken from the pilot `pilot_id` of `organization` (none when the
    measure needs no pilot and none is given)."""
    if pilot_id in (None, ""):
        if measure.requires_pilot:
            message = _("This measure supports a pilot: apply from your pilot's page.")
            raise refused("pilot_id", message, SupportErrorCode.PILOT_REQUIRED)
        return {}
    try:
        pilot = pilot_selectors.pilot_for_grant(organization=organization, pk=pilot_id)
    except Http404:
        raise NotFound(_("Pilot not found.")) from None
    plan = getattr(pilot, "plan", None)
    if plan is None or plan.agreed_at is None:
        message = _(
            "The pilot's test plan is not agreed by the company, the site and the fund yet."
        )
        raise refused("pilot_id", message, SupportErrorCode.PILOT_NOT_AGREED)
    _refuse_a_second_application(measure=measure, pilot_id=pilot.pk)
    # Stored text written in the applicant's language, its dates as that language writes them.
    purpose = _("Pilot testing of «%(title)s», %(start)s – %(end)s: %(what)s") % {
        "title": pilot.title,
        "start": date_format(plan.starts_on, "SHORT_DATE_FORMAT"),
        "end": date_format(plan.ends_on, "SHORT_DATE_FORMAT"),
        "what": pilot.what_to_test or plan.site_provides,
    }
    return {"pilot_id": pilot.pk, "purpose": purpose[:4000]}


def _refuse_a_second_application(*, measure, pilot_id, but=None, drafts=True) -> None:
    earlier = GrantApplication.objects.filter(measure=measure, pilot_id=pilot_id).exclude(
        case__status__in=SETTLED
    )
    if but is not None:
        earlier = earlier.exclude(pk=but.pk)
    if not drafts:
        earlier = earlier.exclude(case__status=CaseStatus.DRAFT)
    if earlier.exists():
        message = _("This pilot has an application to the measure already.")
        raise refused("pilot_id", message, SupportErrorCode.PILOT_GRANT_EXISTS)


def pilot_check_on_submit(application) -> None:
    """Again at submission, under the organization's row lock (grant_reserve_on_submit): two
    drafts opened at once for one test both passed the draft's check, and only the first
    of them to be submitted may go on."""
    if application.pilot_id is not None:
        _refuse_a_second_application(
            measure=application.measure, pilot_id=application.pilot_id, but=application,
            drafts=False,
        )  # fmt: skip
