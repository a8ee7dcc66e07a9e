"""Registering an organization and editing its profile."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, diff, register_actions, snapshot
from innocluster.core.errors import Conflict, PermissionDenied
from innocluster.core.identifiers import validate_identifiers
from innocluster.platform.accounts.errors import AccountErrorCode
from innocluster.platform.ledger.kinds import register_kind, register_subject
from innocluster.platform.ledger.services import ledger_append

from ..choices import MemberRole, OrganizationKind
from ..errors import OrganizationErrorCode
from ..models import Membership, Organization
from ..permissions import EDIT_PROFILE
from ._common import (
    PROFILE_FIELDS,
    assign_fields,
    checked_image,
    not_editable,
    region_or_inns,
    require_ability,
    validate_region,
)

# The history pages' words for what this module records (core.audit).
register_actions(
    {
        "organization.registered": gettext_lazy("registered the organization"),
        "organization.updated": gettext_lazy("changed the profile"),
    }
)

# What the public pages say for the ledger entries this module appends.
register_kind(
    "organization.registered",
    gettext_lazy("organization registered"),
    values={"kind": dict(OrganizationKind.choices)},
)
register_subject(
    "organization",
    gettext_lazy("organization"),
    url_name="organizations:detail",
    objects=Organization.objects.all(),
    name_fields=("short_name", "full_name"),
)


@transaction.atomic
def organization_register(*, actor, kind: str, inn: str, ogrn: str, **fields) -> Organization:
    """Register an organization with `actor` as its owner. One organization per INN.

    A duplicate INN (or OGRN) is a Conflict that names the existing organization, so the
    caller can offer to request membership instead. Nothing is written on any error.
    """
    if not actor.email_confirmed:
        raise PermissionDenied(
            _("Confirm your e-mail before registering an organization."),
            code=AccountErrorCode.UNCONFIRMED,
        )
    inn, ogrn = validate_identifiers(kind=kind, inn=inn, ogrn=ogrn)
    _refuse_duplicate(inn=inn, ogrn=ogrn)
    fields["region"] = region_or_inns(fields.get("region"), inn)
    validate_region(fields["region"])
    fields["logo"] = checked_image(fields.get("logo"), "logo")
    organization = Organization(kind=kind, inn=inn, ogrn=ogrn)
    relations = assign_fields(organization, fields, many=("industries", "technologies"))
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
    _ledger_registration(organization)
    return organization


def _ledger_registration(organization: Organization) -> None:
    """The registration is a public fact: the identifiers and name as registered, for good.

    These are the data of the state registers (EGRUL/EGRIP), public by law.
    """
    ledger_append(
        kind="organization.registered",
        subject=f"organization:{organization.pk}",
        payload={
            "kind": organization.kind,
            "inn": organization.inn,
            "ogrn": organization.ogrn,
            "short_name": organization.short_name,
            "full_name": organization.full_name,
            "region": organization.region,
        },
    )


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
            code=OrganizationErrorCode.ORGANIZATION_EXISTS,
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
    require_ability(user=actor, organization=organization, ability=EDIT_PROFILE)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise not_editable(sorted(unknown))
    if "region" in fields:
        fields["region"] = region_or_inns(fields["region"], organization.inn)
        validate_region(fields["region"])
    if "logo" in fields:
        fields["logo"] = checked_image(fields["logo"], "logo")
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    before = snapshot(organization, fields)
    relations = assign_fields(organization, dict(fields), many=("industries", "technologies"))
    organization.full_clean()
    organization.save(update_fields=[*(set(fields) - set(relations)), "updated_at"])
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
