"""Writes on organizations, their members and products. Every one is audited."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innocluster.core.audit import audit_record, diff, snapshot
from innocluster.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from innocluster.core.identifiers import validate_identifiers
from innocluster.core.mail import send_templated_mail
from innocluster.core.regions import CODES as REGION_CODES
from innocluster.core.secrets import hash_secret, new_secret
from innocluster.core.uploads import validate_image

from .choices import InvitationStatus, MemberRole, RequestStatus
from .models import Invitation, Membership, MembershipRequest, Organization, Product
from .permissions import EDIT_PROFILE, MANAGE_MEMBERS, MANAGE_PRODUCTS
from .selectors import membership_role, user_can

PROFILE_FIELDS = (
    "full_name",
    "short_name",
    "region",
    "legal_address",
    "website",
    "description_ru",
    "description_en",
    "org_type",
    "headcount",
    "year_founded",
    "industries",
    "technologies",
    "logo",
)
PRODUCT_FIELDS = ("name", "description", "category", "trl", "image")
INVITATION_DAYS = 14


def _require(*, user, organization: Organization, ability: str) -> None:
    """Refuse as 404 when the actor has no business with the organization at all."""
    if not user_can(user=user, organization=organization, ability=ability):
        raise NotFound(_("Organization not found."))


def _check_image(upload, field: str):
    if upload:
        extension = validate_image(upload, max_bytes=settings.LOGO_MAX_BYTES)
        upload.name = f"{field}.{extension}"
    return upload


def _assign(instance, fields: dict, many: tuple[str, ...] = ()) -> dict:
    """Set plain fields, validate, and return the many-to-many values for after the save."""
    deferred = {k: fields.pop(k) for k in many if k in fields}
    for name, value in fields.items():
        setattr(instance, name, value)
    return deferred


def _validate_region(region: str) -> None:
    if region not in REGION_CODES:
        raise ValidationError({"region": [_("Unknown region code: %s.") % region]})


@transaction.atomic
def organization_register(*, actor, kind: str, inn: str, ogrn: str, **fields) -> Organization:
    """Register an organization with `actor` as its owner. One organization per INN.

    A duplicate INN (or OGRN) is a Conflict that names the existing organization, so the
    caller can offer to request membership instead. Nothing is written on any error.
    """
    if not actor.email_confirmed:
        raise PermissionDenied(_("Confirm your e-mail before registering an organization."))
    inn, ogrn = validate_identifiers(kind=kind, inn=inn, ogrn=ogrn)
    _refuse_duplicate(inn=inn, ogrn=ogrn)
    _validate_region(fields.get("region", ""))
    fields["logo"] = _check_image(fields.get("logo"), "logo")
    organization = Organization(kind=kind, inn=inn, ogrn=ogrn)
    relations = _assign(organization, fields, many=("industries", "technologies"))
    organization.full_clean()
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError:
        # Another request registered the same INN between our check and our insert.
        _refuse_duplicate(inn=inn, ogrn=ogrn)
        raise
    for name, values in relations.items():
        getattr(organization, name).set(values)
    Membership.objects.create(organization=organization, user=actor, role=MemberRole.OWNER)
    audit_record(
        actor=actor,
        action="organization.registered",
        target=organization,
        organization=organization,
        changes=snapshot(organization, ("kind", "inn", "ogrn", *PROFILE_FIELDS)),
    )
    return organization


def _refuse_duplicate(*, inn: str, ogrn: str) -> None:
    existing = (
        Organization.objects.filter(inn=inn).first()
        or Organization.objects.filter(ogrn=ogrn).first()
    )
    if existing is not None:
        raise Conflict(
            _(
                "%(name)s is already registered with this INN or OGRN. "
                "You can ask its owners to add you as a member."
            )
            % {"name": existing.short_name},
            code="organization_exists",
            extra={
                "existing_organization": existing.pk,
                "membership_request_url": reverse(
                    "organizations:request_membership", kwargs={"pk": existing.pk}
                ),
            },
        )


@transaction.atomic
def organization_update(*, organization: Organization, actor, **fields) -> Organization:
    """Change profile fields; INN, OGRN and kind are fixed at registration.

    Locks the row so two editors' saves are applied one after the other, each audited.
    """
    _require(user=actor, organization=organization, ability=EDIT_PROFILE)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(
            {name: [_("This field cannot be changed.")] for name in sorted(unknown)}
        )
    if "region" in fields:
        _validate_region(fields["region"])
    if "logo" in fields:
        fields["logo"] = _check_image(fields["logo"], "logo")
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    before = snapshot(organization, fields)
    relations = _assign(organization, dict(fields), many=("industries", "technologies"))
    organization.full_clean()
    organization.save()
    for name, values in relations.items():
        getattr(organization, name).set(values)
    changes = diff(before, snapshot(organization, fields))
    if changes:
        audit_record(
            actor=actor,
            action="organization.updated",
            target=organization,
            organization=organization,
            changes=changes,
        )
    return organization


# --- Membership -------------------------------------------------------------------------


@transaction.atomic
def membership_request_create(*, organization: Organization, user, message: str = ""):
    """Ask to join. Refused if already a member or if a request is already pending."""
    if membership_role(user=user, organization=organization):
        raise Conflict(_("You are already a member of this organization."), code="already_member")
    if organization.membership_requests.filter(user=user, status=RequestStatus.PENDING).exists():
        raise Conflict(_("Your request is already waiting for the owners."), code="request_pending")
    request = MembershipRequest.objects.create(
        organization=organization, user=user, message=message.strip()[:2000]
    )
    audit_record(
        actor=user, action="membership.requested", target=request, organization=organization
    )
    return request


@transaction.atomic
def membership_request_decide(*, request: MembershipRequest, actor, approve: bool, role=None):
    """An owner approves (the person joins with `role`, viewer by default) or declines."""
    _require(user=actor, organization=request.organization, ability=MANAGE_MEMBERS)
    request = MembershipRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise Conflict(_("This request has already been decided."), code="request_decided")
    request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    request.decided_by, request.decided_at = actor, timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        _add_member(
            organization=request.organization,
            user=request.user,
            role=role or MemberRole.VIEWER,
            actor=actor,
        )
    audit_record(
        actor=actor,
        action=f"membership.request_{request.status}",
        target=request,
        organization=request.organization,
    )
    return request


def _add_member(*, organization, user, role, actor) -> Membership:
    if role not in MemberRole.values:
        raise ValidationError({"role": [_("Unknown role.")]})
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
    _require(user=actor, organization=organization, ability=MANAGE_MEMBERS)
    email = email.strip().lower()
    if role not in MemberRole.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    if organization.memberships.filter(user__email=email).exists():
        raise Conflict(_("This person is already a member."), code="already_member")
    if organization.invitations.filter(email=email, status=InvitationStatus.PENDING).exists():
        raise Conflict(_("This person has already been invited."), code="invitation_pending")
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
    invitation.save()
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
            subject=_("You are invited to join %s on innocluster") % organization.short_name,
            template="organizations/email/invitation.txt",
            context={"organization": organization, "inviter": actor, "link": link, "role": role},
        )
    )
    return invitation


def invitation_by_secret(*, secret: str) -> Invitation:
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
            _("This invitation has already been used or revoked."), code="invitation_used"
        )
    if invitation.expires_at <= timezone.now():
        raise DomainError(_("This invitation has expired."), code="invitation_expired")
    if invitation.email != user.email.lower() or not user.email_confirmed:
        raise PermissionDenied(
            _("This invitation was sent to %(email)s. Sign in with that confirmed e-mail.")
            % {"email": invitation.email}
        )
    invitation.status, invitation.accepted_by = InvitationStatus.ACCEPTED, user
    invitation.save(update_fields=["status", "accepted_by"])
    return _add_member(
        organization=invitation.organization, user=user, role=invitation.role, actor=user
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    _require(user=actor, organization=invitation.organization, ability=MANAGE_MEMBERS)
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


def _lock_members(organization: Organization):
    # Locking every membership row of the organization serializes changes of owners, so two
    # owners cannot demote each other at once and leave the organization with none.
    return list(organization.memberships.select_for_update().order_by("pk"))


def _would_leave_no_owner(members, membership: Membership, new_role: str | None) -> bool:
    owners = [m for m in members if m.role == MemberRole.OWNER]
    return membership.role == MemberRole.OWNER and new_role != MemberRole.OWNER and len(owners) == 1


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, actor) -> Membership:
    """An owner changes a member's role. The last owner cannot step down."""
    _require(user=actor, organization=membership.organization, ability=MANAGE_MEMBERS)
    if role not in MemberRole.values:
        raise ValidationError({"role": [_("Unknown role.")]})
    members = _lock_members(membership.organization)
    membership = next(m for m in members if m.pk == membership.pk)
    if _would_leave_no_owner(members, membership, role):
        raise Conflict(
            _("The organization must keep at least one owner. Make someone else an owner first."),
            code="last_owner",
        )
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        actor=actor,
        action="membership.role_changed",
        target=membership,
        organization=membership.organization,
        changes={"user": membership.user.email, "role": [before, role]},
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> None:
    """An owner removes a member, or a member leaves. The last owner cannot leave."""
    if membership.user_id != actor.pk:
        _require(user=actor, organization=membership.organization, ability=MANAGE_MEMBERS)
    members = _lock_members(membership.organization)
    membership = next(m for m in members if m.pk == membership.pk)
    if _would_leave_no_owner(members, membership, None):
        raise Conflict(
            _("The last owner cannot leave. Make someone else an owner first."), code="last_owner"
        )
    audit_record(
        actor=actor,
        action="membership.left" if membership.user_id == actor.pk else "membership.removed",
        target=membership,
        organization=membership.organization,
        changes={"user": membership.user.email, "role": membership.role},
    )
    membership.delete()


# --- Products ---------------------------------------------------------------------------


@transaction.atomic
def product_create(*, organization: Organization, actor, **fields) -> Product:
    _require(user=actor, organization=organization, ability=MANAGE_PRODUCTS)
    fields["image"] = _check_image(fields.get("image"), "image")
    product = Product(organization=organization)
    _assign(product, fields)
    product.full_clean()
    product.save()
    audit_record(
        actor=actor,
        action="product.created",
        target=product,
        organization=organization,
        changes=snapshot(product, PRODUCT_FIELDS),
    )
    return product


@transaction.atomic
def product_update(*, product: Product, actor, **fields) -> Product:
    _require(user=actor, organization=product.organization, ability=MANAGE_PRODUCTS)
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed.")] for name in unknown})
    if "image" in fields:
        fields["image"] = _check_image(fields["image"], "image")
    before = snapshot(product, fields)
    _assign(product, dict(fields))
    product.full_clean()
    product.save()
    changes = diff(before, snapshot(product, fields))
    if changes:
        audit_record(
            actor=actor,
            action="product.updated",
            target=product,
            organization=product.organization,
            changes=changes,
        )
    return product


@transaction.atomic
def product_delete(*, product: Product, actor) -> None:
    _require(user=actor, organization=product.organization, ability=MANAGE_PRODUCTS)
    audit_record(
        actor=actor,
        action="product.deleted",
        target=product,
        organization=product.organization,
        changes={"name": product.name},
    )
    product.delete()
