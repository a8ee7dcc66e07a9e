"""The audit trail: one call that every service uses to say what it changed."""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent

# What an action code means, in words, for the history pages ("<who> <label>"); each app
# registers the codes it records, from the module that records them.
_ACTION_LABELS: dict[str, Any] = {}


def register_actions(labels: dict[str, Any]) -> None:
    """`labels`: action code → a lazy translation ("approved an application")."""
    _ACTION_LABELS.update(labels)


def action_label(code: str):
    """The action in words; never the code, even for one nobody registered."""
    return _ACTION_LABELS.get(code, _("made a change"))


# The words for a value recorded beside the model's own fields ("case", "file_kept"), which has
# no label of its own; registered, like the actions, by the module that records it.
_CHANGE_NAMES: dict[str, Any] = {}


def register_change_names(labels: dict[str, Any]) -> None:
    """`labels`: the name in `changes` → a lazy translation ("the file is kept")."""
    _CHANGE_NAMES.update(labels)


def change_name(name: str):
    """The registered words for a recorded name, or None."""
    return _CHANGE_NAMES.get(name)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` as JSON-friendly data: files by name, relations by their slugs
    (or ids), so the trail still reads right after a term is renamed or deleted."""
    data = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            key = "slug" if _has_field(field.related_model, "slug") else "pk"
            related = getattr(instance, name).values_list(key, flat=True) if instance.pk else []
            data[name] = sorted(related)
        elif isinstance(field, models.FileField):
            data[name] = getattr(instance, name).name or ""
        else:
            value = field.value_from_object(instance)
            plain = isinstance(value, str | int | float | bool | type(None))
            data[name] = value if plain else str(value)
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"from": old, "to": new}} for every field whose value changed."""
    return {k: change(before.get(k), after[k]) for k in after if before.get(k) != after[k]}


def change(old: Any, new: Any) -> dict[str, Any]:
    """How the trail records one changed value."""
    return {"from": old, "to": new}


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model,
    organization=None,
    changes: dict | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        organization_id=getattr(organization, "pk", None),
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        changes=changes or {},
        ip_address=ip_address,
    )


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())
