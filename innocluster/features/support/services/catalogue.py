"""The catalogue of measures, edited by fund administrators (in the admin site)."""

from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.errors import PermissionDenied

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "support.measure_created": gettext_lazy("created a support measure"),
    }
)


def measure_saved(*, measure, actor, changed: list[str], created: bool) -> None:
    """Record who changed which parts of a measure's rules. The admin's forms have already
    validated the fields and the constraints; only fund administrators get that far."""
    if not getattr(actor, "is_fund_admin", False):
        raise PermissionDenied("Only fund administrators edit measures.")
    audit_record(
        actor=actor,
        action="support.measure_created" if created else "support.measure_changed",
        target=measure,
        changes={"fields": sorted(set(changed))},
    )
