"""The audit trail in words: what an action code means, and each change as "field: old → new"."""

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from innocluster.core import audit

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return audit.action_label(code)


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
    """The field's label; a name that is no field of the model (a related object recorded by
    name: "item", "award") or a reverse relation, which has no label, reads as written."""
    try:
        found = model._meta.get_field(field) if model else None
    except FieldDoesNotExist:
        found = None
    label = getattr(found, "verbose_name", None)
    return str(label) if label else field.replace("_", " ")


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
