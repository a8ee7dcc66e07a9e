"""The running test (issue 20, step 4): dated notes and incidents from the company and the
site; paused, resumed, stopped early with a reason, or finished. One table of transitions, one
service per transition, each under the pilot's row lock; each step is told to the other side
(and a stop to the fund too)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.calendar import moscow_date
from innocluster.core.errors import Conflict, NotFound, PermissionDenied

from . import notifications as notify
from .choices import PilotStatus as S
from .errors import PilotErrorCode as Code
from .errors import refused
from .models import Pilot, PilotNote
from .plan import COMPANY, SITE, parties_of

# transition: (the stages it may start from, the stage it leads to, whether it needs a reason)
TRANSITIONS = {
    "pause": ((S.RUNNING,), S.PAUSED, True),
    "resume": ((S.PAUSED,), S.RUNNING, False),
    "stop": ((S.RUNNING, S.PAUSED), S.STOPPED, True),
    "finish": ((S.RUNNING,), S.FINISHED, False),
}
TOLD = {
    "pause": notify.TEST_PAUSED,
    "resume": notify.TEST_RESUMED,
    "stop": notify.TEST_STOPPED,
    "finish": notify.TEST_FINISHED,
}
register_actions(
    {
        "pilot.pause": gettext_lazy("paused a pilot"),
        "pilot.resume": gettext_lazy("resumed a pilot"),
        "pilot.stop": gettext_lazy("stopped a pilot early"),
        "pilot.finish": gettext_lazy("finished a pilot"),
        "pilot.note": gettext_lazy("wrote a pilot's note"),
    }
)


def _side(pilot: Pilot, actor) -> str:
    """The company's or the site's: 404 for who may not see the pilot, 403 for the fund."""
    parties = parties_of(pilot=pilot, user=actor)
    if not parties:
        raise NotFound(_("Not found."))
    for side in (COMPANY, SITE):
        if side in parties:
            return side
    raise PermissionDenied(_("The company and the site keep the test's log."))


def _transition(name: str, *, pilot: Pilot, actor, reason: str = "") -> Pilot:
    sources, target, needs_reason = TRANSITIONS[name]
    reason = reason.strip()
    with transaction.atomic():
        pilot = Pilot.objects.select_for_update().select_related("organization").get(pk=pilot.pk)
        _side(pilot, actor)
        if needs_reason and not reason:
            raise refused("reason", _("Give the reason."), "required")
        if pilot.status not in sources:
            raise Conflict(
                _("The pilot is %(stage)s.") % {"stage": pilot.get_status_display()},
                code=Code.PILOT_STATE,
            )
        pilot.status, pilot.status_changed_at = target, timezone.now()
        pilot.status_reason = reason
        pilot.save(update_fields=["status", "status_changed_at", "status_reason", "updated_at"])
        audit_record(
            actor=actor, action=f"pilot.{name}", target=pilot, organization=pilot.organization,
            changes={"status": target, "reason": reason},
        )  # fmt: skip
        tell_the_other_side(pilot, actor, TOLD[name], reason=reason or "—")
    return pilot


def tell_the_other_side(pilot: Pilot, actor, kind, **context) -> None:
    """The company hears of the site's step and the site of the company's; a stop is told
    to the fund as well (a grant may hang on the test)."""
    parties = parties_of(pilot=pilot, user=actor)
    context = {name: value for name, value in context.items() if name in kind.placeholders()}
    if SITE in parties:
        notify.notify_company(pilot, kind, actor=actor, **context)
    if COMPANY in parties:
        notify.notify_site_side(pilot, kind, actor=actor, **context)
    if kind is notify.TEST_STOPPED:
        notify.notify_fund(pilot, kind, actor=actor, **context)


def pilot_pause(*, pilot: Pilot, actor, reason: str) -> Pilot:
    """Pause the running test (the company or the site), with a reason."""
    return _transition("pause", pilot=pilot, actor=actor, reason=reason)


def pilot_resume(*, pilot: Pilot, actor) -> Pilot:
    return _transition("resume", pilot=pilot, actor=actor)


def pilot_stop(*, pilot: Pilot, actor, reason: str) -> Pilot:
    """Stop the test early, with a reason: it ends without the site's report."""
    return _transition("stop", pilot=pilot, actor=actor, reason=reason)


def pilot_finish(*, pilot: Pilot, actor) -> Pilot:
    """The test ran its course: the site's report may follow."""
    return _transition("finish", pilot=pilot, actor=actor)


def note_add(*, pilot: Pilot, actor, text: str, kind: str = "note", on=None) -> PilotNote:
    """A dated note or incident of the running (or paused) test, by the company or the site;
    not dated in the future."""
    with transaction.atomic():
        pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
        side = _side(pilot, actor)
        if pilot.status not in (S.RUNNING, S.PAUSED):
            raise Conflict(_("Notes are kept while the test runs."), code=Code.PILOT_STATE)
        on = on or moscow_date()
        if on > moscow_date():
            raise refused("on", _("A note is not dated in the future."), Code.NOTE_DATE)
        note = PilotNote(pilot=pilot, kind=kind, side=side, on=on, text=text.strip(), author=actor)
        note.full_clean()
        note.save()
        audit_record(
            actor=actor, action="pilot.note", target=pilot, organization=pilot.organization,
            changes={"kind": kind, "on": on.isoformat()},
        )  # fmt: skip
    return note
