"""`get_FOO_display()` without rebuilding a field's every choice on each call.

Django's `Model._get_FIELD_display` makes a dict of the field's flattened choices on every
call, hashing each (value, label) pair, and hashing a lazily translated label translates it:
a register row's three `get_…_display` cost about 150 `gettext` calls, half a page's rendering
time (issue 18's profiles). Here each field's value → label table is built once and kept on
the field; its labels stay lazy, so each call still answers in the language of the moment.
A field whose choices are a callable (re-read on every use) keeps Django's own way.

Django binds `get_FOO_display` to each model class as it is created (a partialmethod of
`Model._get_FIELD_display`), so `install()` rebinds those of every installed model.
"""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_DJANGOS = Model._get_FIELD_display
_TABLE = "_innocluster_display_labels"


def labels(field) -> dict:
    """The field's {value: label}, built once (again if its choices are replaced)."""
    cached = field.__dict__.get(_TABLE)
    if cached is None or cached[0] is not field.choices:
        table = {make_hashable(value): label for value, label in field.flatchoices}
        cached = field.__dict__[_TABLE] = (field.choices, table)
    return cached[1]


def get_field_display(instance, field):
    if isinstance(field.choices, CallableChoiceIterator):
        return _DJANGOS(instance, field)
    value = getattr(instance, field.attname)
    return force_str(labels(field).get(make_hashable(value), value), strings_only=True)


def install() -> None:
    """Rebind each installed model's `get_FOO_display` that is still Django's own."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            name = f"get_{field.name}_display"
            bound = model.__dict__.get(name)
            if isinstance(bound, partialmethod) and bound.func is _DJANGOS:
                setattr(model, name, partialmethod(get_field_display, field=field))
