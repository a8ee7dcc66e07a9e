"""Writes of pilot testing: publish and change a pilot site."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, diff, register_actions, snapshot
from innocluster.core.errors import CoreErrorCode
from innocluster.platform.organizations.models import Membership

from .choices import SITE_OWNER_TYPES
from .errors import PilotErrorCode, refused
from .models import PilotSite
from .permissions import require_operator

register_actions(
    {
        "pilot_site.created": gettext_lazy("published a pilot site"),
        "pilot_site.updated": gettext_lazy("changed a pilot site"),
    }
)

SITE_FIELDS = (
    "category",
    "name",
    "description",
    "region",
    "address",
    "latitude",
    "longitude",
    "testable",
    "hours",
    "access",
    "insurance_required",
    "certificates_required",
    "capacity",
    "is_published",
)


def _apply(site: PilotSite, fields: dict) -> None:
    unknown = sorted(set(fields) - set(SITE_FIELDS))
    if unknown:
        message = _("This field cannot be changed.")
        raise refused(unknown[0], message, CoreErrorCode.NOT_EDITABLE)
    for name, value in fields.items():
        setattr(site, name, value.strip() if isinstance(value, str) else value)
    site.full_clean(exclude=["people"])


def _set_people(site: PilotSite, people) -> None:
    """The people who answer for the site: each a member of its organization."""
    ids = {getattr(person, "pk", person) for person in people}
    members = set(
        Membership.objects.filter(organization=site.organization_id, user_id__in=ids).values_list(
            "user_id", flat=True
        )
    )
    if ids - members:
        message = _("Each responsible person must be a member of the site's organization.")
        raise refused("people", message, PilotErrorCode.NOT_A_MEMBER)
    site.people.set(sorted(ids))


@transaction.atomic
def site_create(*, organization, actor, people=(), **fields) -> PilotSite:
    """Publish a pilot site of `organization` (its owners and editors). Only a city
    organization, a technology park or a large corporation runs pilot sites. The person who
    publishes it answers for it unless others are named."""
    require_operator(user=actor, organization=organization)
    if organization.org_type not in SITE_OWNER_TYPES:
        message = _(
            "Pilot sites are published by city organizations, technology parks and large "
            "corporations."
        )
        raise refused("organization", message, PilotErrorCode.SITE_OWNER_TYPE)
    site = PilotSite(organization=organization)
    _apply(site, fields)
    site.save()
    _set_people(site, people or [actor])
    audit_record(
        actor=actor,
        action="pilot_site.created",
        target=site,
        organization=organization,
        changes={"name": site.name},
    )
    return site


@transaction.atomic
def site_update(*, site: PilotSite, actor, people=None, **fields) -> PilotSite:
    """Change a site (its organization's owners and editors); `people` replaces who answers
    for it."""
    require_operator(user=actor, organization=site.organization)
    site = PilotSite.objects.select_for_update().get(pk=site.pk)
    before = snapshot(site, [name for name in fields if name in SITE_FIELDS])
    _apply(site, fields)
    site.save()
    if people is not None:
        _set_people(site, people)
    audit_record(
        actor=actor,
        action="pilot_site.updated",
        target=site,
        organization=site.organization,
        changes=diff(before, snapshot(site, list(before))),
    )
    return site
