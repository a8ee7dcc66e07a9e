"""Founding a cluster, editing it, and its administrators."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from innocluster.core.audit import diff, snapshot
from innocluster.core.errors import Conflict, NotFound
from innocluster.core.uploads import validate_image
from innocluster.platform.status.errors import StatusErrorCode

from .. import notifications as notes
from .. import selectors
from ..errors import ClusterErrorCode
from ..models import Cluster, ClusterMember
from ._common import (
    admin_organization_ids,
    locked,
    record,
    require_acting,
    require_administrator,
)

EDITABLE_FIELDS = (
    "name",
    "aims",
    "description_ru",
    "description_en",
    "industries",
    "technologies",
    "lead_organization",
    "logo",
    "is_public",
)
MANY = ("industries", "technologies")


def _refused(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _checked_logo(upload):
    if upload:
        extension = validate_image(upload, max_bytes=settings.LOGO_MAX_BYTES)
        upload.name = f"logo.{extension}"
    return upload


@transaction.atomic
def cluster_create(
    *,
    actor,
    organization,
    name: str,
    aims: str,
    description_ru: str,
    lead_organization=None,
    description_en: str = "",
    industries=(),
    technologies=(),
    logo=None,
    is_public: bool = True,
) -> Cluster:
    """Found a cluster for `organization`, which `actor` acts for (owner or editor) and which
    holds active participant status. The founding organization and the lead (one `actor`
    acts for too; the founder by default) are its first members and administrators."""
    require_acting(actor=actor, organization=organization)
    if not selectors.founding_organizations(user=actor).filter(pk=organization.pk).exists():
        raise _refused(
            "organization",
            _("Only an organization with active participant status can found a cluster."),
            StatusErrorCode.NOT_A_PARTICIPANT,
        )
    lead = lead_organization or organization
    if not selectors.acting_organizations(user=actor).filter(pk=lead.pk).exists():
        raise _refused(
            "lead_organization",
            _("The lead organization must be one you act for as an owner or editor."),
            ClusterErrorCode.LEAD_NOT_ACTED_FOR,
        )
    cluster = Cluster(
        name=name,
        aims=aims,
        description_ru=description_ru,
        description_en=description_en,
        lead_organization=lead,
        logo=_checked_logo(logo),
        is_public=is_public,
        created_by=actor,
    )
    cluster.full_clean(exclude=["search_text"])
    cluster.save()
    cluster.industries.set(industries)
    cluster.technologies.set(technologies)
    ClusterMember.objects.bulk_create(
        [
            ClusterMember(cluster=cluster, organization_id=pk, is_admin=True)
            for pk in {organization.pk, lead.pk}
        ]
    )
    record(actor=actor, action="cluster.created", cluster=cluster, organization=organization)
    return cluster


@transaction.atomic
def cluster_update(*, cluster, actor, **fields) -> Cluster:
    """Change the cluster's profile (its administrators). The lead must be a member."""
    require_administrator(actor=actor, cluster=cluster)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            {
                name: ValidationError(_("This field cannot be changed."), code="not_editable")
                for name in sorted(unknown)
            }
        )
    cluster = locked(cluster)
    lead = fields.get("lead_organization")
    if lead is not None and not cluster.members.filter(organization=lead).exists():
        raise _refused(
            "lead_organization",
            _("The lead organization must be a member of the cluster."),
            ClusterErrorCode.NOT_A_MEMBER,
        )
    # The lead applies for the status and may not leave: an organization becomes it only by
    # one of its own owners or editors, never by another member's administrator.
    changes_lead = lead is not None and lead.pk != cluster.lead_organization_id
    if changes_lead and not selectors.acting_organizations(user=actor).filter(pk=lead.pk).exists():
        raise _refused(
            "lead_organization",
            _("The lead organization must be one you act for as an owner or editor."),
            ClusterErrorCode.LEAD_NOT_ACTED_FOR,
        )
    if "logo" in fields:
        fields["logo"] = _checked_logo(fields["logo"])
    before = snapshot(cluster, fields)
    relations = {name: fields.pop(name) for name in MANY if name in fields}
    for name, value in fields.items():
        setattr(cluster, name, value)
    cluster.full_clean(exclude=["search_text"])
    cluster.save(update_fields=[*fields, "updated_at"])
    for name, values in relations.items():
        getattr(cluster, name).set(values)
    changes = diff(before, snapshot(cluster, [*fields, *relations]))
    if changes:
        record(actor=actor, action="cluster.updated", cluster=cluster, **changes)
    return cluster


@transaction.atomic
def member_admin_set(*, member, actor, is_admin: bool) -> ClusterMember:
    """Make a member an administrator, or take the rights back; a cluster always keeps one."""
    cluster = locked(member.cluster)
    require_administrator(actor=actor, cluster=cluster)
    try:
        member = ClusterMember.objects.select_for_update().get(pk=member.pk, cluster=cluster)
    except ClusterMember.DoesNotExist:
        raise NotFound(_("The organization is not a member of the cluster.")) from None
    if member.is_admin == is_admin:
        return member
    if not is_admin and len(admin_organization_ids(cluster)) <= 1:
        raise Conflict(
            _("A cluster keeps at least one administrator: make another member one first."),
            code=ClusterErrorCode.LAST_ADMINISTRATOR,
        )
    member.is_admin = is_admin
    member.save(update_fields=["is_admin"])
    action = "cluster.admin_granted" if is_admin else "cluster.admin_revoked"
    record(actor=actor, action=action, cluster=cluster, organization=member.organization)
    notes.notify(
        cluster,
        notes.ADMIN_GRANTED if is_admin else notes.ADMIN_REVOKED,
        organization_ids=[member.organization_id],
        actor=actor,
        organization=member.organization.short_name,
    )
    return member
