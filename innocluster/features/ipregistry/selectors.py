"""Reads on the IP register. The register of final registrations is public; a registration
that waits for its rightholders' consent, or that was declined or withdrawn, is seen only by the
people of the registering organization and of the rightholder organizations asked (a 404 for
anybody else, fund staff included). A kept file is for the registering organization's members
and fund staff, and anyone else gets a 404 as if there were no file."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from innocluster.platform.ledger.selectors import entries_for_subject
from innocluster.platform.organizations.models import Membership
from innocluster.platform.organizations.permissions import (
    EDIT_PROFILE,
    ROLE_ABILITIES,
    VIEW_MEMBERS,
)
from innocluster.platform.organizations.selectors import (
    organization_ids_of,
    organization_list_for_member,
    user_can,
)
from innocluster.platform.status.selectors import with_active_status

from .choices import Consent, IPState
from .models import IPObject, Rightholder

REGISTERING_ROLES = [
    role for role, abilities in ROLE_ABILITIES.items() if EDIT_PROFILE in abilities
]


def ip_object_list_public():
    """Final registrations only: the public register."""
    return IPObject.objects.registered().with_public_relations()


def ip_object_get_public(*, pk) -> IPObject:
    return _get_or_404(ip_object_list_public(), pk)


def _get_or_404(queryset, pk) -> IPObject:
    try:
        return queryset.get(pk=pk)
    except (IPObject.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None


def _party_of(user) -> Q:
    """Registrations whose registering organization, or a rightholder organization asked for
    its consent, has `user` among its people (any role)."""
    mine = organization_ids_of(user=user)
    asked = Rightholder.objects.filter(ip_object=OuterRef("pk"), organization_id__in=mine).exclude(
        consent=Consent.NOT_ASKED
    )
    return Q(organization_id__in=mine) | Q(Exists(asked))


def ip_object_list_visible_to(*, user):
    """The public register and, for the people involved, what is not (yet) in it."""
    objects = IPObject.objects.with_public_relations()
    if not getattr(user, "is_authenticated", False):
        return objects.registered()
    return objects.filter(Q(state=IPState.REGISTERED) | _party_of(user))


def ip_object_get_for(*, user, pk) -> IPObject:
    """The registration if `user` may see it (see the module's doc); otherwise 404."""
    return _get_or_404(ip_object_list_visible_to(user=user), pk)


def ip_visible_to(*, user, ip_object: IPObject) -> bool:
    return ip_object_list_visible_to(user=user).filter(pk=ip_object.pk).exists()


def ip_waiting_for_my_answer(*, user):
    """Pending registrations that name an organization of `user`'s (any role) as a rightholder
    that has not answered yet, oldest first: the rightholders' side of the waiting list."""
    if not getattr(user, "is_authenticated", False):
        return IPObject.objects.none()
    mine = organization_ids_of(user=user)
    awaited = Rightholder.objects.filter(
        ip_object=OuterRef("pk"), organization_id__in=mine, consent=Consent.AWAITED
    )
    return (
        IPObject.objects.filter(state=IPState.PENDING)
        .filter(Exists(awaited))
        .with_public_relations()
        .order_by("created_at", "id")
    )


def ip_waiting_for_others(*, user):
    """Pending registrations of `user`'s organizations (any role), oldest first: the
    registrant's side of the waiting list."""
    if not getattr(user, "is_authenticated", False):
        return IPObject.objects.none()
    mine = organization_ids_of(user=user)
    return (
        IPObject.objects.filter(state=IPState.PENDING, organization_id__in=mine)
        .with_public_relations()
        .order_by("created_at", "id")
    )


WAITING_SIDES = ("", "rightholder", "registrant")


def ip_waiting(*, user, side: str | None = None):
    """The waiting list of one side ("rightholder", "registrant") or of both, oldest first."""
    sides = {
        "rightholder": ip_waiting_for_my_answer(user=user),
        "registrant": ip_waiting_for_others(user=user),
    }
    chosen = [sides[side]] if side else list(sides.values())
    keys = Q(pk__in=[])
    for queryset in chosen:
        keys |= Q(pk__in=queryset.values("pk"))
    return IPObject.objects.filter(keys).with_public_relations().order_by("created_at", "id")


def my_roles(*, user) -> dict[int, str]:
    """organization id → `user`'s role in it: one query for a whole list's buttons."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return dict(Membership.objects.filter(user=user).values_list("organization_id", "role"))


def ip_actions_for(*, ip_object: IPObject, roles: dict[int, str]) -> dict:
    """What the person whose roles are `roles` may do with a pending registration: the
    rightholder organizations they answer for, and whether they may withdraw it. The
    rightholders must be loaded (with_public_relations)."""
    if ip_object.state != IPState.PENDING:
        return {"answer_for": [], "may_withdraw": False}
    answer_for = {
        holder.organization_id: holder.organization
        for holder in ip_object.rightholders.all()
        if holder.consent == Consent.AWAITED
        and roles.get(holder.organization_id) in REGISTERING_ROLES
    }
    return {
        "answer_for": list(answer_for.values()),
        "may_withdraw": roles.get(ip_object.organization_id) in REGISTERING_ROLES,
    }


def ip_file_visible(*, user, ip_object: IPObject) -> bool:
    """Members of the registering organization (any role) and fund staff see a kept file
    (while the registration is not final, only those members: others may not see it at all)."""
    if not ip_object.file:
        return False
    if not ip_object.is_registered:
        return ip_object.organization_id in my_roles(user=user)
    return user_can(user=user, organization=ip_object.organization, ability=VIEW_MEMBERS)


def ip_object_get_with_file(*, user, pk) -> IPObject:
    """The object if it has a kept file that `user` may download; otherwise 404."""
    ip_object = ip_object_get_for(user=user, pk=pk)
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


def organizations_editable_by(*, user):
    """The organizations `user` owns or edits, whatever their status: those they answer for."""
    if not getattr(user, "is_authenticated", False):
        return organization_list_for_member(user=None).none()
    return organization_list_for_member(user=user).filter(my_role__in=REGISTERING_ROLES)


def ip_ledger_entry(*, ip_object: IPObject):
    """The ledger entry that records the registration: None while the fact is still being
    recorded (queued until the next checkpoint sequences it, a few seconds), or if lost."""
    return entries_for_subject(subject=ip_object.ledger_subject, kind="ip.registered").first()


def ip_registered_count(*, organization_id: int, start, end) -> int:
    """IP objects registered (final, on the ledger) by the organization in [start, end): what
    its yearly KPI report is filled with."""
    return (
        IPObject.objects.registered()
        .filter(organization_id=organization_id, registered_at__gte=start, registered_at__lt=end)
        .count()
    )


def registered_facts():
    """The fund's figures (features/figures): the registrations made final (on the ledger)."""
    return IPObject.objects.filter(state=IPState.REGISTERED, registered_at__isnull=False)
