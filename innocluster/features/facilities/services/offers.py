"""Under-used capacity: an organization offers idle equipment, space or production; others
ask for it; the owner accepts or declines, and both sides are notified."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, diff, register_actions, snapshot
from innocluster.core.errors import Conflict, NotFound
from innocluster.platform.organizations.errors import OrganizationErrorCode

from .. import notifications as notify
from ..choices import Capability, RequestStatus
from ..errors import FacilityErrorCode, not_editable, refused
from ..models import CapacityOffer, CapacityRequest, OfferCapability
from ..permissions import can_operate, operators_of, require_operator

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "capacity_offer.created": gettext_lazy("offered spare capacity"),
        "capacity_offer.updated": gettext_lazy("changed a capacity offer"),
        "capacity_request.pending": gettext_lazy("asked for offered capacity"),
        "capacity_request.accepted": gettext_lazy("accepted a request for capacity"),
        "capacity_request.declined": gettext_lazy("declined a request for capacity"),
        "capacity_request.withdrawn": gettext_lazy("withdrew a request for capacity"),
    }
)

OFFER_FIELDS = (
    "facility",
    "kind",
    "title",
    "description",
    "region",
    "address",
    "available_from",
    "available_until",
    "terms",
    "is_active",
)


def _set_capabilities(offer: CapacityOffer, codes) -> None:
    unknown = sorted(set(codes) - set(Capability.values))
    if unknown:
        message = _("Unknown capability: %s.") % ", ".join(unknown)
        raise refused("capabilities", message, "invalid_choice")
    offer.capabilities.all().delete()
    OfferCapability.objects.bulk_create(OfferCapability(offer=offer, code=c) for c in set(codes))


def _apply(offer: CapacityOffer, fields: dict) -> None:
    unknown = set(fields) - set(OFFER_FIELDS)
    if unknown:
        raise not_editable(sorted(unknown))
    for name, value in fields.items():
        setattr(offer, name, value)
    facility = offer.facility
    if facility is not None and facility.organization_id != offer.organization_id:
        message = _("Choose a facility of your own organization.")
        raise refused("facility", message, "invalid_choice")
    offer.full_clean()


@transaction.atomic
def offer_create(*, organization, actor, capabilities=(), **fields) -> CapacityOffer:
    """List idle capacity of `organization` (members with edit rights)."""
    require_operator(user=actor, organization=organization)
    offer = CapacityOffer(organization=organization)
    _apply(offer, fields)
    offer.save()
    _set_capabilities(offer, capabilities)
    audit_record(
        actor=actor,
        action="capacity_offer.created",
        target=offer,
        organization=organization,
        changes={"title": offer.title},
    )
    return offer


@transaction.atomic
def offer_update(*, offer: CapacityOffer, actor, capabilities=None, **fields) -> CapacityOffer:
    require_operator(user=actor, organization=offer.organization)
    before = snapshot(offer, [f for f in fields if f != "facility"])
    _apply(offer, fields)
    offer.save()
    if capabilities is not None:
        _set_capabilities(offer, capabilities)
    audit_record(
        actor=actor,
        action="capacity_offer.updated",
        target=offer,
        organization=offer.organization,
        changes=diff(before, snapshot(offer, list(before))),
    )
    return offer


@transaction.atomic
def capacity_request_create(
    *, offer: CapacityOffer, requester, message: str, needed_from=None, needed_until=None
) -> CapacityRequest:
    """Ask for an offer. The owner's operators are notified. 409 if this person already has a
    request waiting for an answer on the same offer."""
    if not offer.is_active:
        message = _("This offer is closed for requests.")
        raise refused("offer", message, FacilityErrorCode.OFFER_CLOSED)
    if can_operate(user=requester, organization=offer.organization):
        message = _("This is your own organization's offer.")
        raise refused("offer", message, FacilityErrorCode.OWN_OFFER)
    if needed_from and needed_until and needed_until < needed_from:
        message = _("The end must not be before the start.")
        raise refused("needed_until", message, FacilityErrorCode.RANGE_INVERTED)
    request = CapacityRequest(
        offer=offer,
        requester=requester,
        message=message.strip(),
        needed_from=needed_from,
        needed_until=needed_until,
    )
    request.full_clean(validate_constraints=False)  # a duplicate is a 409, below
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        raise Conflict(
            _("You have already asked for this offer; wait for the answer."),
            code=OrganizationErrorCode.REQUEST_PENDING,
        ) from None
    notify.send(
        recipients=operators_of(offer.organization),
        kind=notify.CAPACITY_REQUESTED,
        context={
            "offer": offer.title,
            "message": request.message,
            "person": requester.full_name or requester.email,
        },
        url=notify.url("facilities:offer_detail", pk=offer.pk),
    )
    return request


@transaction.atomic
def capacity_request_decide(
    *, capacity_request: CapacityRequest, actor, accept: bool, response: str = ""
) -> CapacityRequest:
    """The offer's owner accepts or declines a pending request; the requester and the owner's
    operators are notified. 404 for others; 409 when it was already answered."""
    request = (
        CapacityRequest.objects.select_for_update(of=("self",))
        .select_related("offer__organization", "requester")
        .get(pk=capacity_request.pk)
    )
    offer = request.offer
    require_operator(user=actor, organization=offer.organization, what=_("Request not found."))
    if request.status != RequestStatus.PENDING:
        raise _answered()
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.response = response.strip()
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.save(update_fields=["status", "response", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action=f"capacity_request.{request.status}",
        target=request,
        organization=offer.organization,
    )
    decision = request.get_status_display()
    notify.send(
        recipients=[request.requester],
        kind=notify.CAPACITY_DECIDED,
        context={
            "offer": offer.title,
            "decision": decision,
            "organization": offer.organization.short_name,
            "response": request.response or "—",
        },
        url=notify.url("facilities:offer_detail", pk=offer.pk),
    )
    notify.send(
        recipients=operators_of(offer.organization),
        kind=notify.CAPACITY_DECISION_SENT,
        context={
            "offer": offer.title,
            "decision": decision,
            "person": request.requester.full_name or request.requester.email,
        },
        url=notify.url("facilities:offer_detail", pk=offer.pk),
    )
    return request


@transaction.atomic
def capacity_request_withdraw(*, capacity_request: CapacityRequest, actor) -> CapacityRequest:
    request = CapacityRequest.objects.select_for_update().get(pk=capacity_request.pk)
    if request.requester_id != actor.pk:
        raise NotFound(_("Request not found."))
    if request.status != RequestStatus.PENDING:
        raise _answered()
    request.status = RequestStatus.WITHDRAWN
    request.save(update_fields=["status"])
    return request


def _answered() -> Conflict:
    return Conflict(_("This request is already answered."), code=FacilityErrorCode.REQUEST_STATE)
