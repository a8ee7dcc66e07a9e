from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkState(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ENDED = "ended", _("ended")


# The one table of moves: a step not listed here is a 409 (`supply_link_state`).
LINK_TRANSITIONS: dict[str, frozenset[str]] = {
    LinkState.PENDING: frozenset({LinkState.CONFIRMED, LinkState.DECLINED, LinkState.WITHDRAWN}),
    LinkState.CONFIRMED: frozenset({LinkState.ENDED}),
    LinkState.DECLINED: frozenset(),
    LinkState.WITHDRAWN: frozenset(),
    LinkState.ENDED: frozenset(),
}
# A live link blocks another one for the same supplier, customer and product.
LIVE_STATES = (LinkState.PENDING, LinkState.CONFIRMED)
