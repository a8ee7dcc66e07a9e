"""Reads on the IP register. The register is public; a kept file is for the organization's
members and fund staff, and anyone else gets a 404 as if there were no file."""

from django.http import Http404

from innocluster.platform.ledger.selectors import entries_for_subject
from innocluster.platform.organizations.permissions import (
    EDIT_PROFILE,
    ROLE_ABILITIES,
    VIEW_MEMBERS,
)
from innocluster.platform.organizations.selectors import organization_list_for_member, user_can
from innocluster.platform.status.selectors import with_active_status

from .models import IPObject

REGISTERING_ROLES = [
    role for role, abilities in ROLE_ABILITIES.items() if EDIT_PROFILE in abilities
]


def ip_object_list_public():
    return IPObject.objects.with_public_relations()


def ip_object_get_public(*, pk) -> IPObject:
    try:
        return ip_object_list_public().get(pk=pk)
    except (IPObject.DoesNotExist, ValueError):
        raise Http404 from None


def ip_file_visible(*, user, ip_object: IPObject) -> bool:
    """Members of the registering organization (any role) and fund staff see a kept file."""
    return bool(ip_object.file) and user_can(
        user=user, organization=ip_object.organization, ability=VIEW_MEMBERS
    )


def ip_object_get_with_file(*, user, pk) -> IPObject:
    """The object if it has a kept file that `user` may download; otherwise 404."""
    ip_object = ip_object_get_public(pk=pk)
    if not ip_file_visible(user=user, ip_object=ip_object):
        raise Http404
    return ip_object


def organizations_for_registration(*, user):
    """The organizations in which `user` may register IP: participants and partners in good
    standing that they own or edit."""
    if not getattr(user, "is_authenticated", False):
        return organization_list_for_member(user=None).none()
    # Filter on the annotated role of *this* user's membership: a second filter on
    # memberships__role would join again and match another member's role.
    mine = organization_list_for_member(user=user).filter(my_role__in=REGISTERING_ROLES)
    return with_active_status(mine)


def ip_ledger_entry(*, ip_object: IPObject):
    """The ledger entry that records the registration: None while the fact is still being
    recorded (queued until the next checkpoint sequences it, a few seconds), or if lost."""
    return entries_for_subject(subject=ip_object.ledger_subject, kind="ip.registered").first()
