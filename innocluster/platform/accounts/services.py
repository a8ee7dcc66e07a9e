"""Writes for people, their e-mail confirmation, staff roles and API tokens."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from innocluster.core.audit import audit_record, diff, snapshot
from innocluster.core.errors import Conflict, CoreErrorCode, DomainError, PermissionDenied
from innocluster.core.mail import send_templated_mail
from innocluster.core.names import validate_name
from innocluster.core.secrets import hash_secret, new_secret

from .choices import StaffRole
from .errors import AccountErrorCode
from .models import ApiToken, User

EMAIL_CONFIRM_SALT = "innocluster.platform.accounts.email-confirm"
PROFILE_FIELDS = ("full_name", "position", "phone", "language")


def _normalize_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


@transaction.atomic
def user_sign_up(*, email: str, password: str, full_name: str, language: str = "ru") -> User:
    """Create a person with an unconfirmed e-mail and send the confirmation link.

    The password is checked against every validator before anything is written. A taken
    e-mail is a Conflict (`email_taken`), also when two sign-ups race.
    """
    email = _normalize_email(email)
    taken = Conflict(
        _("A person with this e-mail is already registered."), code=AccountErrorCode.EMAIL_TAKEN
    )
    if User.objects.filter(email=email).exists():
        raise taken
    _check_name(full_name)
    validate_password(password, user=User(email=email, full_name=full_name))
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, full_name=full_name.strip(), language=language
            )
    except IntegrityError:
        raise taken from None
    audit_record(actor=user, action="user.sign_up", target=user)
    transaction.on_commit(lambda: user_send_confirmation(user=user))
    return user


def _check_name(full_name: str) -> None:
    """The model's name check (no invisible characters), before the password's."""
    try:
        validate_name(full_name)
    except ValidationError as error:
        raise ValidationError({"full_name": error.error_list}) from None


def user_warn_sign_up_attempt(*, email: str) -> None:
    """Someone tried to sign up with a registered address: tell its owner, not the visitor.

    The page answers as for a new sign-up, so it does not reveal who is registered.
    """
    user = User.objects.filter(email=_normalize_email(email)).first()
    if user is not None:
        _send_with_link(user, "accounts/email/sign_up_attempt.txt", "accounts:password_reset")


def email_confirmation_token(user: User) -> str:
    return signing.dumps({"id": user.pk, "email": user.email}, salt=EMAIL_CONFIRM_SALT)


def user_send_confirmation(*, user: User) -> None:
    _send_with_link(
        user,
        "accounts/email/confirm_email.txt",
        "accounts:confirm_email",
        token=email_confirmation_token(user),
    )


def _send_with_link(user: User, template: str, url_name: str, **url_kwargs) -> None:
    """A letter in the person's language, with a link to a page in that language."""
    with override(user.language):
        link = settings.SITE_URL + reverse(url_name, kwargs=url_kwargs)
    send_templated_mail(
        to=user.email,
        template=template,
        context={"user": user, "link": link},
        language=user.language,
    )


@transaction.atomic
def user_confirm_email(*, token: str) -> User:
    """Confirm the e-mail the token was issued for. Confirming twice is harmless.

    Confirming never signs anybody in: a link that did would be a sign-in link that anyone
    holding the letter could use, or plant on someone else (login CSRF).
    """
    try:
        data = signing.loads(
            token, salt=EMAIL_CONFIRM_SALT, max_age=settings.EMAIL_CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired:
        raise DomainError(
            _("This confirmation link has expired. Ask for a new one."),
            code=AccountErrorCode.LINK_EXPIRED,
        ) from None
    except signing.BadSignature:
        raise DomainError(
            _("This confirmation link is not valid."), code=AccountErrorCode.LINK_INVALID
        ) from None
    user = User.objects.select_for_update().filter(pk=data["id"], email=data["email"]).first()
    if user is None:
        raise DomainError(
            _("This confirmation link is not valid."), code=AccountErrorCode.LINK_INVALID
        )
    if not user.email_confirmed:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
        audit_record(actor=user, action="user.email_confirmed", target=user)
    return user


@transaction.atomic
def user_update_profile(*, user: User, actor: User, **fields) -> User:
    """Change a person's own details; the change is kept in the audit trail."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)),
            code=CoreErrorCode.NOT_EDITABLE,
        )
    before = snapshot(user, fields)
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=list(fields))
    changes = diff(before, snapshot(user, fields))
    if changes:
        audit_record(actor=actor, action="user.profile_updated", target=user, changes=changes)
    return user


@transaction.atomic
def user_set_staff_role(*, user: User, role: str, actor: User | None) -> User:
    """Grant or remove a fund role. Only a fund administrator may (None = the operator's CLI).

    An administrator also gets the admin site; a reviewer does not need it.
    """
    if actor is not None and not actor.is_fund_admin:
        raise PermissionDenied(
            _("Only a fund administrator can grant staff roles."),
            code=AccountErrorCode.STAFF_ROLE_FORBIDDEN,
        )
    if role not in StaffRole.values:
        raise ValidationError(
            {"staff_role": ValidationError(_("Unknown role."), code="invalid_choice")}
        )
    before = snapshot(user, ["staff_role"])
    user.staff_role = role
    user.is_staff = user.is_superuser = role == StaffRole.ADMIN
    user.save(update_fields=["staff_role", "is_staff", "is_superuser"])
    audit_record(
        actor=actor,
        action="user.staff_role_changed",
        target=user,
        changes=diff(before, snapshot(user, ["staff_role"])),
    )
    return user


def user_create_confirmed(*, email: str, password: str, full_name: str, role: str = "") -> User:
    """An operator's account (the `createuser` command): confirmed at once, role granted."""
    with transaction.atomic():
        email = _normalize_email(email)
        if User.objects.filter(email=email).exists():
            raise Conflict(
                _("A person with this e-mail is already registered."),
                code=AccountErrorCode.EMAIL_TAKEN,
            )
        _check_name(full_name)
        validate_password(password, user=User(email=email, full_name=full_name))
        user = User.objects.create_user(
            email=email, password=password, full_name=full_name, email_confirmed_at=timezone.now()
        )
        audit_record(actor=None, action="user.created_by_operator", target=user)
        if role:
            user_set_staff_role(user=user, role=role, actor=None)
    return user


@transaction.atomic
def user_record_password_change(*, user: User, reset: bool) -> int:
    """After Django's password forms saved a new password: every API token is revoked (a
    token is a password of its own, and one obtained with the old password, maybe by an
    intruder, must not outlive it) and the audit trail records the change. Returns how many
    tokens were revoked."""
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    action = "user.password_reset" if reset else "user.password_changed"
    audit_record(actor=user, action=action, target=user, changes={"tokens_revoked": revoked})
    return revoked


@transaction.atomic
def api_token_create(*, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Issue a token. The raw value is returned once and never stored, only its hash."""
    days = days or settings.API_TOKEN_DEFAULT_DAYS
    if not 1 <= days <= 366:
        raise ValidationError(
            {
                "days": ValidationError(
                    _("A token lives from 1 to 366 days."), code=AccountErrorCode.LIFETIME_RANGE
                )
            }
        )
    name = (name or "").strip() or _("API token")
    raw = new_secret("ic_")
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=raw[:10],
        key_hash=hash_secret(raw),
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit_record(actor=user, action="api_token.created", target=token)
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token at once. Revoking a revoked token changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_token.revoked", target=token)
    return token
