"""What people read for a ledger entry. The ledger stores codes: the dotted kind
("review.decided"), the subject ("organization:42") and the payload's coded values
("participant"); the app that appends them registers their words here, so the public pages say
"decision on an application" and the ledger never imports the apps above it."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# A coded value's words: a mapping (a TextChoices' dict(choices)) or a function of the code.
ValueLabels = Mapping[str, object] | Callable[[str], object]


@dataclass(frozen=True)
class Kind:
    label: object
    values: dict[str, ValueLabels] = field(default_factory=dict)


@dataclass(frozen=True)
class SubjectType:
    """What a subject's prefix names, and how its public page and names are found.

    `url(pk)` gives the object's public page (None: it has none, e.g. an application, whose
    page only its applicant and the fund may see); `names(pks)` its public names, in bulk;
    `find(text)` the pks of the objects whose public name holds the text (the ledger page's
    search: a name need not be inside any entry).
    """

    label: object
    url: Callable[[int], str] | None = None
    names: Callable[[Iterable[int]], dict[int, str]] | None = None
    find: Callable[[str], Iterable[int]] | None = None


_KINDS: dict[str, Kind] = {}
_SUBJECTS: dict[str, SubjectType] = {}


def register_kind(code: str, label, *, values: dict[str, ValueLabels] | None = None) -> None:
    """`label` is a lazy translation, read in the reader's language. `values` gives the words of
    the payload's coded fields (field name → labels), for the entry's page."""
    _KINDS[code] = Kind(label, dict(values or {}))


def register_subject(
    prefix: str, label, *, url_name: str = "", objects=None, name_fields: tuple = ()
) -> None:
    """Subjects "<prefix>:<pk>" are `label` objects. With `url_name` (a URL taking `pk`) they
    link to their public page; with `objects` (a queryset of the public ones) and
    `name_fields` (the first is the name shown) they are named and found by those fields."""
    url = (lambda pk: reverse(url_name, kwargs={"pk": pk})) if url_name else None
    names = find = None
    if objects is not None and name_fields:

        def names(pks):
            return dict(objects.filter(pk__in=pks).values_list("pk", name_fields[0]))

        def find(text):
            matches = Q()
            for name in name_fields:
                matches |= Q(**{f"{name}__icontains": text})
            return objects.filter(matches).values_list("pk", flat=True)

    _SUBJECTS[prefix] = SubjectType(label, url, names, find)


def kind_label(code: str):
    """The kind's label, or a neutral phrase for a kind nobody registered (never the code)."""
    kind = _KINDS.get(code)
    return kind.label if kind else _("recorded fact")


def value_labels(kind: str, name: str) -> ValueLabels | None:
    """The words for the coded payload field `name` of entries of `kind`, if registered."""
    registered = _KINDS.get(kind)
    return registered.values.get(name) if registered else None


def subject_type(prefix: str) -> SubjectType | None:
    return _SUBJECTS.get(prefix)


def subject_prefixes() -> dict[str, SubjectType]:
    return dict(_SUBJECTS)
