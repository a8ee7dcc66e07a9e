"""A ledger entry in words, for its public page: the kind's label, what it is about, and each
field of its payload with a label and a value in the reader's language, never a raw code.

The payload's coded values get their words from the app that appends the kind
(kinds.register_kind(values=…)); regions, dates and yes/no are read here. The exact text that
is hashed stays on the page beside this, for whoever verifies it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from innocluster.core.regions import region_name

from .kinds import subject_prefixes, subject_type, value_labels
from .models import Entry

# The payload fields the platform's apps write, in words. A field nobody named here is shown
# by its name with the underscores as spaces (no app writes one today: a test checks it).
FIELD_LABELS = {
    "actual_costs": _("actual costs, roubles"),
    "agreement": _("agreement"),
    "amount": _("amount, roubles"),
    "award": _("award number"),
    "case": _("application number"),
    "confirmed_by": _("confirmed by"),
    "counting_members": _("members with participant status"),
    "decided_at": _("decided at"),
    "decision": _("decision"),
    "demo": _("demo data"),
    "due_on": _("due on"),
    "effective_on": _("effective from"),
    "full_name": _("full name"),
    "grounds": _("grounds"),
    "id": _("number on the platform"),
    "in_force_on": _("in force from"),
    "inn": _("INN"),
    "kind": _("type"),
    "lead_organization": _("lead organization"),
    "measure": _("support measure"),
    "members_sha256": _("SHA-256 of the member list"),
    "name": _("name"),
    "ogrn": _("OGRN"),
    "organization": _("organization"),
    "paid_on": _("paid on"),
    "reference": _("payment reference"),
    "region": _("region"),
    "register_number": _("register number"),
    "registered_at": _("registered at"),
    "rightholders": _("rightholders"),
    "schedule": _("payment schedule"),
    "sha256": _("document's SHA-256"),
    "share": _("share, %"),
    "short_name": _("short name"),
    "state": _("state"),
    "status": _("status"),
    "title": _("title"),
    "tranche": _("tranche"),
    "work_sha256": _("SHA-256 of the work"),
    "year": _("year"),
}


@dataclass
class Field:
    label: object
    value: object = ""
    url: str | None = None
    children: list["Field"] = field(default_factory=list)
    items: list[list["Field"]] = field(default_factory=list)


@dataclass
class Subject:
    code: str
    label: object
    number: str
    name: str = ""
    url: str | None = None


def field_label(name: str):
    return FIELD_LABELS.get(name) or name.replace("_", " ")


def subjects_of(codes: Iterable[str]) -> dict[str, Subject]:
    """Each subject code in words, with its public page and name when its app gives them
    (one query per kind of subject)."""
    by_prefix: dict[str, list[str]] = {}
    for code in set(codes):
        prefix, _sep, number = code.partition(":")
        by_prefix.setdefault(prefix, []).append(number)
    described = {}
    for prefix, numbers in by_prefix.items():
        kind = subject_type(prefix)
        pks = [int(n) for n in numbers if n.isdigit()]
        names = kind.names(pks) if kind and kind.names else {}
        for number in numbers:
            pk = int(number) if number.isdigit() else None
            described[f"{prefix}:{number}"] = Subject(
                code=f"{prefix}:{number}",
                label=kind.label if kind else _("object"),
                number=number,
                name=names.get(pk, ""),
                url=kind.url(pk) if kind and kind.url and pk is not None else None,
            )
    return described


def describe(entry: Entry) -> list[Field]:
    """The entry's payload, field by field, in words."""
    return _fields(entry.kind, entry.content.get("payload", {}))


def _fields(kind: str, payload: dict) -> list[Field]:
    return [_field(kind, name, value) for name, value in payload.items()]


def _field(kind: str, name: str, value) -> Field:
    label = field_label(name)
    if isinstance(value, dict):
        return Field(label, url=_linked(name, value), children=_fields(kind, value))
    if isinstance(value, list):
        if all(isinstance(item, dict) for item in value):
            return Field(label, items=[_fields(kind, item) for item in value])
        return Field(label, ", ".join(str(_value(kind, name, v)) for v in value))
    return Field(label, _value(kind, name, value))


def _linked(name: str, value: dict) -> str | None:
    """A nested object that names a subject ({"id": 42, …} under "organization") links to
    its public page."""
    kind = subject_prefixes().get(name)
    if kind and kind.url and isinstance(value.get("id"), int):
        return kind.url(value["id"])
    return None


def _value(kind: str, name: str, value):
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value == "":
        return "—"
    labels = value_labels(kind, name)
    if labels is not None:
        text = labels(value) if callable(labels) else labels.get(value)
        if text is not None:
            return text
    if name == "region":
        return region_name(str(value))
    return _moment(value) if isinstance(value, str) else value


def _moment(text: str):
    """ISO dates and RFC 3339 times become dates and times (the template formats them in the
    reader's locale and Moscow time); any other text stays as written."""
    parse = parse_date if len(text) == 10 else parse_datetime if "T" in text[10:11] else None
    try:
        return (parse(text) if parse else None) or text
    except ValueError:  # shaped like a date, but no such day
        return text
