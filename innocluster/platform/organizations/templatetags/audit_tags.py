"""The audit trail in words: what an action code means, and each change as "field: old → new"."""

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

register = template.Library()

ACTIONS = {
    "organization.registered": _("registered the organization"),
    "organization.updated": _("changed the profile"),
    "membership.requested": _("asked to join"),
    "membership.request_approved": _("approved a request to join"),
    "membership.request_declined": _("declined a request to join"),
    "membership.added": _("added a member"),
    "membership.role_changed": _("changed a member's role"),
    "membership.removed": _("removed a member"),
    "membership.left": _("left the organization"),
    "invitation.created": _("invited a person"),
    "invitation.revoked": _("revoked an invitation"),
    "product.created": _("added a product"),
    "product.updated": _("changed a product"),
    "product.deleted": _("deleted a product"),
    "ip_object.registered": _("registered an intellectual property object"),
}


@register.filter
def action_label(code: str) -> str:
    return ACTIONS.get(code, code)


@register.filter
def change_rows(event) -> list[tuple[str, str]]:
    """(field name, "old → new" or the value) for each recorded change of the event."""
    model = _model(event.target_type)
    return [(_field_name(model, field), _describe(value)) for field, value in event.changes.items()]


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field_name(model, field: str) -> str:
    try:
        return str(model._meta.get_field(field).verbose_name) if model else field
    except FieldDoesNotExist:
        return field


def _describe(value) -> str:
    # A change is {"from": old, "to": new} (core.audit.change); a creation records values.
    if isinstance(value, dict) and set(value) == {"from", "to"}:
        return f"{_plain(value['from'])} → {_plain(value['to'])}"
    return _plain(value)


def _plain(value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
