from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IPKind(models.TextChoices):
    INVENTION = "invention", _("invention")
    UTILITY_MODEL = "utility_model", _("utility model")
    SOFTWARE = "software", _("computer program")
    DESIGN = "design", _("industrial design")
    KNOW_HOW = "know_how", _("know-how")


class IPState(models.TextChoices):
    """A registration's life. It waits in PENDING only while a rightholder that is another
    organization of the platform has not confirmed; every other state is final."""

    PENDING = "pending", pgettext_lazy("IP registration", "waiting for confirmation")
    REGISTERED = "registered", pgettext_lazy("IP registration", "registered")
    DECLINED = "declined", pgettext_lazy("IP registration", "declined by a rightholder")
    WITHDRAWN = "withdrawn", pgettext_lazy("IP registration", "withdrawn")


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

    NOT_ASKED = "not_asked", pgettext_lazy("rightholder consent", "not asked")
    AWAITED = "awaited", pgettext_lazy("rightholder consent", "awaited")
    CONFIRMED = "confirmed", pgettext_lazy("rightholder consent", "confirmed")
    DECLINED = "declined", pgettext_lazy("rightholder consent", "declined")


# A rightholder answers once: awaited → confirmed or declined.
CONSENT_TRANSITIONS: dict[str, frozenset[str]] = {
    Consent.NOT_ASKED: frozenset(),
    Consent.AWAITED: frozenset({Consent.CONFIRMED, Consent.DECLINED}),
    Consent.CONFIRMED: frozenset(),
    Consent.DECLINED: frozenset(),
}
