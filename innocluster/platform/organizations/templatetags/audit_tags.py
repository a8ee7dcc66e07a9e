"""The audit trail in words: what an action code means, and each change as "field: old → new"."""

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from innocluster.core import audit

register = template.Library()


@register.filter
def action_label(code: str) -> str:
    return audit.action_label(code)


@register.filter
def change_rows(event) -> list[tuple[str, str]]:
    """(field name, "old → new" or the value) for each recorded change of the event."""
    model = _model(event.target_type)
    rows = []
    for name, value in event.changes.items():
        field = _field(model, name)
        rows.append((_field_name(field, name), _describe(value, _labels(field))))
    return rows


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def _field_name(field, name: str) -> str:
    """The field's label, or the words its recorder registered for a name that is no field
    (core.audit.register_change_names); anything else reads as written."""
    label = getattr(field, "verbose_name", None) or audit.change_name(name)
    return str(label) if label else name.replace("_", " ")


def _labels(field) -> dict:
    """A field with choices records their codes ("draft", "laboratory"): people read labels."""
    return {str(code): str(label) for code, label in getattr(field, "flatchoices", None) or ()}


def _describe(value, labels: dict) -> str:
    # A change is {"from": old, "to": new} (core.audit.change); a creation records values.
    if isinstance(value, dict) and set(value) == {"from", "to"}:
        return f"{_plain(value['from'], labels)} → {_plain(value['to'], labels)}"
    return _plain(value, labels)


def _plain(value, labels: dict) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(_plain(v, labels) for v in value)
    if isinstance(value, dict):  # a recorded object (a rightholder): its values, not its keys
        return " · ".join(_plain(v, labels) for v in value.values())
    if isinstance(value, str) and len(value) == 10 and (day := _iso_date(value)):
        return date_format(day, "j E Y")  # a recorded date (a period's start), as people write
    return labels.get(str(value), str(value))


def _iso_date(value: str):
    try:
        return parse_date(value)
    except ValueError:
        return None
