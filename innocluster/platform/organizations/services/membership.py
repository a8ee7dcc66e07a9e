"""Members: requests to join, invitations, roles, leaving. The last owner always stays."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, change, register_actions
from innocluster.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from innocluster.core.mail import send_templated_mail
from innocluster.core.secrets import hash_secret, new_secret

from ..choices import InvitationStatus, MemberRole, RequestStatus
from ..errors import OrganizationErrorCode
from ..models import Invitation, Membership, MembershipRequest, Organization
from ..permissions import MANAGE_MEMBERS
from ..selectors import membership_role
from ._common import INVITATION_DAYS, require_ability

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "membership.requested": gettext_lazy("asked to join"),
        "membership.request_approved": gettext_lazy("approved a request to join"),
        "membership.request_declined": gettext_lazy("declined a request to join"),
        "membership.request_withdrawn": gettext_lazy("withdrew a request to join"),
        "membership.added": gettext_lazy("added a member"),
        "membership.role_changed": gettext_lazy("changed a member's role"),
        "membership.removed": gettext_lazy("removed a member"),
        "membership.left": gettext_lazy("left the organization"),
        "invitation.created": gettext_lazy("invited a person"),
        "invitation.revoked": gettext_lazy("revoked an invitation"),
    }
)


@transaction.atomic
def membership_request_create(*, organization: Organization, user, message: str = ""):
    """Ask to join. Refused if already a member or if a request is already pending."""
    if membership_role(user=user, organization=organization):
        raise Conflict(
            _("You are already a member of this organization."),
            code=OrganizationErrorCode.ALREADY_MEMBER,
        )
    pending = Conflict(
        _("Your request is already waiting for the owners."),
        code=OrganizationErrorCode.REQUEST_PENDING,
    )
    if organization.membership_requests.filter(user=user, status=RequestStatus.PENDING).exists():
        raise pending
    try:
        with transaction.atomic():
            request = MembershipRequest.objects.create(
                organization=organization, user=user, message=message.strip()[:2000]
            )
    except IntegrityError:  # the same request sent twice at once: the constraint decides
        raise pending from None
    audit_record(
        actor=user, action="membership.requested", target=request, organization=organization
    )
    owners = [m.user for m in organization.memberships.filter(role=MemberRole.OWNER)]
    _notify(owners, "organizations/email/membership_requested.txt", membership_request=request)
    return request


def _notify(users, template: str, **context) -> None:
    """E-mail each person in their own language, once the transaction has committed."""
    for user in users:
        transaction.on_commit(
            lambda user=user: send_templated_mail(
                to=user.email,
                template=template,
                language=user.language,
                context={**context, "user": user, "site_url": settings.SITE_URL},
            )
        )


@transaction.atomic
def membership_request_decide(
    *, membership_request: MembershipRequest, actor, approve: bool, role=None
):
    """An owner approves (the person joins with `role`, viewer by default) or declines."""
    require_ability(
        user=actor, organization=membership_request.organization, ability=MANAGE_MEMBERS
    )
    membership_request = MembershipRequest.objects.select_for_update().get(pk=membership_request.pk)
    if membership_request.status != RequestStatus.PENDING:
        raise Conflict(
            _("This request has already been decided."), code=OrganizationErrorCode.REQUEST_DECIDED
        )
    membership_request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    membership_request.decided_by, membership_request.decided_at = actor, timezone.now()
    membership_request.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        _add_member(
            organization=membership_request.organization,
            user=membership_request.user,
            role=role or MemberRole.VIEWER,
            actor=actor,
        )
    audit_record(
        actor=actor,
        action=f"membership.request_{membership_request.status}",
        target=membership_request,
        organization=membership_request.organization,
    )
    _notify(
        [membership_request.user],
        "organizations/email/membership_decided.txt",
        membership_request=membership_request,
    )
    return membership_request


def _add_member(*, organization, user, role, actor) -> Membership:
    if role not in MemberRole.values:
        raise ValidationError({"role": ValidationError(_("Unknown role."), code="invalid_choice")})
    membership, created = Membership.objects.get_or_create(
        organization=organization, user=user, defaults={"role": role}
    )
    if created:
        audit_record(
            actor=actor,
            action="membership.added",
            target=membership,
            organization=organization,
            changes={"user": user.email, "role": role},
        )
    return membership


@transaction.atomic
def invitation_create(*, organization: Organization, email: str, role: str, actor) -> Invitation:
    """Invite a person by e-mail. The link holds a secret that is stored only as a hash."""
    require_ability(user=actor, organization=organization, ability=MANAGE_MEMBERS)
    email = email.strip().lower()
    if role not in MemberRole.values:
        raise ValidationError({"role": ValidationError(_("Unknown role."), code="invalid_choice")})
    if organization.memberships.filter(user__email=email).exists():
        raise Conflict(
            _("This person is already a member."), code=OrganizationErrorCode.ALREADY_MEMBER
        )
    pending = organization.invitations.filter(email=email, status=InvitationStatus.PENDING)
    # An invitation past its date no longer stands in the way of a new one.
    pending.filter(expires_at__lte=timezone.now()).update(status=InvitationStatus.EXPIRED)
    invited = Conflict(
        _("This person has already been invited."), code=OrganizationErrorCode.INVITATION_PENDING
    )
    if pending.exists():
        raise invited
    secret = new_secret()
    invitation = Invitation(
        organization=organization,
        email=email,
        role=role,
        invited_by=actor,
        token_hash=hash_secret(secret),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean(exclude=["token_hash"])
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # the same invitation sent twice at once
        raise invited from None
    audit_record(
        actor=actor,
        action="invitation.created",
        target=invitation,
        organization=organization,
        changes={"email": email, "role": role},
    )
    link = settings.SITE_URL + reverse("organizations:invitation", kwargs={"token": secret})
    transaction.on_commit(
        lambda: send_templated_mail(
            to=email,
            template="organizations/email/invitation.txt",
            context={"organization": organization, "inviter": actor, "link": link, "role": role},
        )
    )
    return invitation


def invitation_by_secret(*, secret: str) -> Invitation:
    """The invitation a link's secret belongs to (whatever its state), or NotFound."""
    invitation = (
        Invitation.objects.select_related("organization")
        .filter(token_hash=hash_secret(secret))
        .first()
    )
    if invitation is None:
        raise NotFound(_("This invitation does not exist."))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Join through an invitation sent to this person's own, confirmed e-mail."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise Conflict(
            _("This invitation has already been used or revoked."),
            code=OrganizationErrorCode.INVITATION_USED,
        )
    if invitation.expires_at <= timezone.now():
        raise DomainError(
            _("This invitation has expired."), code=OrganizationErrorCode.INVITATION_EXPIRED
        )
    if invitation.email != user.email.lower() or not user.email_confirmed:
        raise PermissionDenied(
            _("This invitation was sent to %(email)s. Sign in with that confirmed e-mail.")
            % {"email": invitation.email},
            code=OrganizationErrorCode.INVITATION_FOR_ANOTHER,
        )
    invitation.status, invitation.accepted_by = InvitationStatus.ACCEPTED, user
    invitation.save(update_fields=["status", "accepted_by"])
    return _add_member(
        organization=invitation.organization, user=user, role=invitation.role, actor=user
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    """Withdraw a pending invitation; one already accepted or revoked stays as it is."""
    require_ability(user=actor, organization=invitation.organization, ability=MANAGE_MEMBERS)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status == InvitationStatus.PENDING:
        invitation.status = InvitationStatus.REVOKED
        invitation.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="invitation.revoked",
            target=invitation,
            organization=invitation.organization,
        )
    return invitation


def _lock_members(membership: Membership) -> tuple[list[Membership], Membership]:
    """All members of the organization, locked, and `membership` as it is now.

    Locking every membership row serializes changes of owners, so two owners cannot demote
    each other at once and leave the organization with none. A membership removed meanwhile
    (a double click on "Remove") is NotFound, not an error.
    """
    members = list(membership.organization.memberships.select_for_update().order_by("pk"))
    current = next((m for m in members if m.pk == membership.pk), None)
    if current is None:
        raise NotFound(_("This person is no longer a member."))
    return members, current


def _would_leave_no_owner(members, membership: Membership, new_role: str | None) -> bool:
    owners = [m for m in members if m.role == MemberRole.OWNER]
    return membership.role == MemberRole.OWNER and new_role != MemberRole.OWNER and len(owners) == 1


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, actor) -> Membership:
    """An owner changes a member's role. The last owner cannot step down."""
    require_ability(user=actor, organization=membership.organization, ability=MANAGE_MEMBERS)
    if role not in MemberRole.values:
        raise ValidationError({"role": ValidationError(_("Unknown role."), code="invalid_choice")})
    members, membership = _lock_members(membership)
    if _would_leave_no_owner(members, membership, role):
        raise Conflict(
            _("The organization must keep at least one owner. Make someone else an owner first."),
            code=OrganizationErrorCode.LAST_OWNER,
        )
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        actor=actor,
        action="membership.role_changed",
        target=membership,
        organization=membership.organization,
        changes={"user": membership.user.email, "role": change(before, role)},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> None:
    """An owner removes a member, or a member leaves. The last owner cannot leave."""
    if membership.user_id != actor.pk:
        require_ability(user=actor, organization=membership.organization, ability=MANAGE_MEMBERS)
    members, membership = _lock_members(membership)
    if _would_leave_no_owner(members, membership, None):
        raise Conflict(
            _("The last owner cannot leave. Make someone else an owner first."),
            code=OrganizationErrorCode.LAST_OWNER,
        )
    audit_record(
        actor=actor,
        action="membership.left" if membership.user_id == actor.pk else "membership.removed",
        target=membership,
        organization=membership.organization,
        changes={"user": membership.user.email, "role": membership.role},
    )
    membership.delete()
