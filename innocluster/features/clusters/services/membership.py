"""Invitations, requests to join, leaving and removal. Every step locks the cluster's row
first (_common.locked), re-reads what it answers under that lock, and refuses with a stable
code what another step changed meanwhile: nothing is half-written."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from innocluster.core.errors import Conflict, NotFound
from innocluster.core.limits import require_max_length
from innocluster.platform.status.selectors import has_active_status

from .. import errors, selectors
from .. import notifications as notes
from ..choices import InvitationState, JoinRequestState
from ..errors import ClusterErrorCode
from ..models import ClusterInvitation, ClusterJoinRequest, ClusterMember
from ..models.clusters import REASON_MAX_LENGTH
from ._common import (
    admin_organization_ids,
    locked,
    now,
    record,
    require_acting,
    require_administrator,
)
from .minimum import note_membership_change

INVITATION_DAYS = 30


def _text(field: str, text: str, *, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({field: ValidationError(_("Give a reason."), code="required")})
    require_max_length(field, text, REASON_MAX_LENGTH)
    return text


def _require_eligible(organization) -> None:
    if not has_active_status(organization=organization):
        message = _("Only participants and partners of the cluster in good standing can join.")
        raise ValidationError(
            {"organization": ValidationError(message, code=ClusterErrorCode.NOT_ELIGIBLE)}
        )


def _require_not_member(cluster, organization) -> None:
    if cluster.members.filter(organization=organization).exists():
        raise Conflict(
            _("%(name)s is a member of the cluster already.") % {"name": organization.short_name},
            code=errors.ALREADY_MEMBER,
        )


def _join(cluster, organization) -> ClusterMember:
    return ClusterMember.objects.create(cluster=cluster, organization=organization)


# --- invitations ---------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, cluster, organization, actor, message: str = "") -> ClusterInvitation:
    """Invite a participant or partner organization; the invitation waits 30 days. Inviting
    one that is a member, or whose invitation still waits, is a Conflict."""
    cluster = locked(cluster)
    require_administrator(actor=actor, cluster=cluster)
    message = _text("message", message, required=False)
    _require_eligible(organization)
    _require_not_member(cluster, organization)
    waiting = ClusterInvitation.objects.filter(
        cluster=cluster, organization=organization, state=InvitationState.PENDING
    )
    waiting.filter(expires_at__lte=now()).update(state=InvitationState.EXPIRED)
    if waiting.exists():
        raise Conflict(
            _("%(name)s is invited already; the invitation waits for an answer.")
            % {"name": organization.short_name},
            code=ClusterErrorCode.ALREADY_INVITED,
        )
    try:
        with transaction.atomic():
            invitation = ClusterInvitation.objects.create(
                cluster=cluster,
                organization=organization,
                message=message,
                invited_by=actor,
                expires_at=now() + timedelta(days=INVITATION_DAYS),
            )
    except IntegrityError:  # invited by another administrator this instant
        raise Conflict(
            _("%(name)s is invited already.") % {"name": organization.short_name},
            code=ClusterErrorCode.ALREADY_INVITED,
        ) from None
    record(actor=actor, action="cluster.invited", cluster=cluster, organization=organization)
    notes.notify(
        cluster,
        notes.INVITED,
        organization_ids=[organization.pk],
        actor=actor,
        url=notes.invitations_url(),
        organization=organization.short_name,
        message=message,
    )
    return invitation


def _locked_invitation(invitation) -> ClusterInvitation:
    return ClusterInvitation.objects.select_for_update().get(pk=invitation.pk)


def _require_waiting(invitation) -> None:
    if invitation.state == InvitationState.PENDING and invitation.expires_at <= now():
        raise Conflict(
            _("The invitation has expired. Ask the cluster's administrators for a new one."),
            code=errors.INVITATION_EXPIRED,
        )
    if invitation.state == InvitationState.REVOKED:
        raise Conflict(
            _("The invitation was revoked by the cluster's administrators."),
            code=ClusterErrorCode.INVITATION_STATE,
        )
    if invitation.state != InvitationState.PENDING:
        raise Conflict(
            _("The invitation is answered already."), code=ClusterErrorCode.INVITATION_STATE
        )


def _answer(invitation, state: str, actor) -> None:
    invitation.state = state
    invitation.answered_by = actor
    invitation.answered_at = now()
    invitation.save(update_fields=["state", "answered_by", "answered_at"])


def _told(cluster, action: str, note, *, organization, to, actor, **reason) -> None:
    """A membership step's trail: the audit event on the cluster, and the notice to the
    people of the organizations `to` (the other side), with the reason when there is one."""
    record(actor=actor, action=action, cluster=cluster, organization=organization, **reason)
    notes.notify(
        cluster,
        note,
        organization_ids=to,
        actor=actor,
        organization=organization.short_name,
        **reason,
    )


@transaction.atomic
def invitation_revoke(*, invitation, actor) -> ClusterInvitation:
    cluster = locked(invitation.cluster)
    require_administrator(actor=actor, cluster=cluster)
    invitation = _locked_invitation(invitation)
    _require_waiting(invitation)
    _answer(invitation, InvitationState.REVOKED, actor)
    organization = invitation.organization
    _told(
        cluster,
        "cluster.invitation_revoked",
        notes.INVITATION_REVOKED,
        organization=organization,
        to=[organization.pk],
        actor=actor,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, actor) -> ClusterMember:
    """The invited organization's owner or editor accepts: it becomes a member."""
    require_acting(actor=actor, organization=invitation.organization)
    cluster = locked(invitation.cluster)
    invitation = _locked_invitation(invitation)
    _require_waiting(invitation)
    organization = invitation.organization
    _require_not_member(cluster, organization)
    _answer(invitation, InvitationState.ACCEPTED, actor)
    member = _join(cluster, organization)
    note_membership_change(cluster)
    _told(
        cluster,
        "cluster.invitation_accepted",
        notes.INVITATION_ACCEPTED,
        organization=organization,
        to=admin_organization_ids(cluster),
        actor=actor,
    )
    return member


@transaction.atomic
def invitation_decline(*, invitation, actor) -> ClusterInvitation:
    require_acting(actor=actor, organization=invitation.organization)
    cluster = locked(invitation.cluster)
    invitation = _locked_invitation(invitation)
    _require_waiting(invitation)
    _answer(invitation, InvitationState.DECLINED, actor)
    _told(
        cluster,
        "cluster.invitation_declined",
        notes.INVITATION_DECLINED,
        organization=invitation.organization,
        to=admin_organization_ids(cluster),
        actor=actor,
    )
    return invitation


# --- requests to join ----------------------------------------------------------------


@transaction.atomic
def join_request_create(*, cluster, organization, actor, reason: str) -> ClusterJoinRequest:
    """An organization `actor` acts for asks to join a cluster `actor` may see."""
    require_acting(actor=actor, organization=organization)
    cluster = selectors.cluster_get_visible_or_not_found(user=actor, pk=cluster.pk)
    cluster = locked(cluster)
    reason = _text("reason", reason, required=True)
    _require_eligible(organization)
    _require_not_member(cluster, organization)
    if cluster.join_requests.filter(
        organization=organization, state=JoinRequestState.PENDING
    ).exists():
        raise Conflict(
            _("A request of %(name)s to join waits for an answer already.")
            % {"name": organization.short_name},
            code=errors.REQUEST_PENDING,
        )
    join_request = ClusterJoinRequest.objects.create(
        cluster=cluster, organization=organization, reason=reason, requested_by=actor
    )
    record(actor=actor, action="cluster.join_requested", cluster=cluster, organization=organization)
    notes.notify(
        cluster,
        notes.JOIN_REQUESTED,
        organization_ids=admin_organization_ids(cluster),
        actor=actor,
        url=notes.members_url(cluster),
        organization=organization.short_name,
        reason=reason,
    )
    return join_request


def _locked_request(join_request) -> ClusterJoinRequest:
    join_request = ClusterJoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.state != JoinRequestState.PENDING:
        raise Conflict(
            _("The request is answered or withdrawn already (%(state)s).")
            % {"state": join_request.get_state_display()},
            code=ClusterErrorCode.REQUEST_STATE,
        )
    return join_request


def _settle(join_request, state: str, actor, decline_reason: str = "") -> None:
    join_request.state = state
    join_request.answered_by = actor
    join_request.answered_at = now()
    join_request.decline_reason = decline_reason
    join_request.save(update_fields=["state", "answered_by", "answered_at", "decline_reason"])


@transaction.atomic
def join_request_withdraw(*, join_request, actor) -> ClusterJoinRequest:
    require_acting(actor=actor, organization=join_request.organization)
    cluster = locked(join_request.cluster)
    join_request = _locked_request(join_request)
    _settle(join_request, JoinRequestState.WITHDRAWN, actor)
    record(
        actor=actor,
        action="cluster.join_withdrawn",
        cluster=cluster,
        organization=join_request.organization,
    )
    return join_request


@transaction.atomic
def join_request_accept(*, join_request, actor) -> ClusterMember:
    """An administrator accepts: the organization becomes a member. Two administrators
    accepting at once: the cluster's lock puts one after the other, and the second is told
    the request is answered already (REQUEST_STATE)."""
    cluster = locked(join_request.cluster)
    require_administrator(actor=actor, cluster=cluster)
    join_request = _locked_request(join_request)
    organization = join_request.organization
    _require_not_member(cluster, organization)
    _settle(join_request, JoinRequestState.ACCEPTED, actor)
    member = _join(cluster, organization)
    note_membership_change(cluster)
    _told(
        cluster,
        "cluster.join_accepted",
        notes.JOIN_ACCEPTED,
        organization=organization,
        to=[organization.pk],
        actor=actor,
    )
    return member


@transaction.atomic
def join_request_decline(*, join_request, actor, reason: str) -> ClusterJoinRequest:
    cluster = locked(join_request.cluster)
    require_administrator(actor=actor, cluster=cluster)
    reason = _text("reason", reason, required=True)
    join_request = _locked_request(join_request)
    _settle(join_request, JoinRequestState.DECLINED, actor, reason)
    organization = join_request.organization
    _told(
        cluster,
        "cluster.join_declined",
        notes.JOIN_DECLINED,
        organization=organization,
        to=[organization.pk],
        actor=actor,
        reason=reason,
    )
    return join_request


# --- leaving and removal -------------------------------------------------------------


def _locked_member(member, cluster) -> ClusterMember:
    try:
        return (
            ClusterMember.objects.select_for_update()
            .select_related("organization")
            .get(pk=member.pk, cluster=cluster)
        )
    except ClusterMember.DoesNotExist:
        raise NotFound(_("The organization is not a member of the cluster.")) from None


def _require_may_go(cluster, member) -> None:
    if member.organization_id == cluster.lead_organization_id:
        raise Conflict(
            _("The lead organization cannot leave: the administrators first choose another."),
            code=ClusterErrorCode.LEAD_ORGANIZATION,
        )
    if member.is_admin and len(admin_organization_ids(cluster)) <= 1:
        raise Conflict(
            _("The last administrator cannot leave: make another member an administrator."),
            code=ClusterErrorCode.LAST_ADMINISTRATOR,
        )


@transaction.atomic
def member_leave(*, member, actor) -> None:
    """A member organization's owner or editor takes it out of the cluster."""
    require_acting(actor=actor, organization=member.organization)
    cluster = locked(member.cluster)
    member = _locked_member(member, cluster)
    _require_may_go(cluster, member)
    organization = member.organization
    member.delete()
    note_membership_change(cluster)
    _told(
        cluster,
        "cluster.member_left",
        notes.MEMBER_LEFT,
        organization=organization,
        to=admin_organization_ids(cluster),
        actor=actor,
    )


@transaction.atomic
def member_remove(*, member, actor, reason: str) -> None:
    """An administrator removes a member, with a reason the member is told."""
    cluster = locked(member.cluster)
    require_administrator(actor=actor, cluster=cluster)
    reason = _text("reason", reason, required=True)
    member = _locked_member(member, cluster)
    _require_may_go(cluster, member)
    organization = member.organization
    member.delete()
    note_membership_change(cluster)
    _told(
        cluster,
        "cluster.member_removed",
        notes.MEMBER_REMOVED,
        organization=organization,
        to=[organization.pk, *admin_organization_ids(cluster)],
        actor=actor,
        reason=reason,
    )
