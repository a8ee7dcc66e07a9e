from django.db import models
from django.utils.translation import gettext_lazy as _


class IPKind(models.TextChoices):
    INVENTION = "invention", _("invention")
    UTILITY_MODEL = "utility_model", _("utility model")
    SOFTWARE = "software", _("computer program")
    DESIGN = "design", _("industrial design")
    KNOW_HOW = "know_how", _("know-how")


class IPState(models.TextChoices):
    """A registration's life. It waits in PENDING only while a rightholder that is another
    organization of the platform has not confirmed; every other state is final."""

    PENDING = "pending", _("waiting for confirmation")
    REGISTERED = "registered", _("registered")
    DECLINED = "declined", _("declined by a rightholder")
    WITHDRAWN = "withdrawn", _("withdrawn")


# The one table of the state machine: state → the states it may move to.
IP_TRANSITIONS: dict[str, frozenset[str]] = {
    IPState.PENDING: frozenset({IPState.REGISTERED, IPState.DECLINED, IPState.WITHDRAWN}),
    IPState.REGISTERED: frozenset(),
    IPState.DECLINED: frozenset(),
    IPState.WITHDRAWN: frozenset(),
}
# The states that hold the work for the organization: a declined or withdrawn registration
# may be made again, a pending or final one not.
LIVE_STATES = (IPState.PENDING, IPState.REGISTERED)


class Consent(models.TextChoices):
    """A rightholder's answer. Only another organization of the platform is asked; a person,
    an organization outside the platform and the registrant itself are not."""

    NOT_ASKED = "not_asked", _("not asked")
    AWAITED = "awaited", _("awaited")
    CONFIRMED = "confirmed", _("confirmed")
    DECLINED = "declined", _("declined")


# A rightholder answers once: awaited → confirmed or declined.
CONSENT_TRANSITIONS: dict[str, frozenset[str]] = {
    Consent.NOT_ASKED: frozenset(),
    Consent.AWAITED: frozenset({Consent.CONFIRMED, Consent.DECLINED}),
    Consent.CONFIRMED: frozenset(),
    Consent.DECLINED: frozenset(),
}
