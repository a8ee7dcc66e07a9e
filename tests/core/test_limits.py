"""Every free text and every list the platform takes is bounded (issue 17), checked over the
whole code rather than field by field: the models' texts (full_clean refuses past the limit,
so a service refuses what its form or serializer would), the API's request bodies (the schema
says maxLength and maxItems, which DRF enforces), and the forms' text fields."""

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from drf_spectacular.generators import SchemaGenerator

import innocluster
from innocluster.core.limits import require_max_length
from innocluster.features.support.models import Measure

# Formats whose validators bound the text themselves.
BOUNDED_FORMATS = {"binary", "date", "date-time", "decimal", "uuid"}
# Texts that people never write: what the platform computes and stores (the ledger's canonical
# JSON, the SQLite full-text index's document).
COMPUTED = {"ledger.Entry.data", "ledger.Pending.payload", "directory.FtsEntry.document"}


def _our_models():
    return [m for m in apps.get_models() if m.__module__.startswith("innocluster.")]


def _editable_text_fields():
    for model in _our_models():
        for field in model._meta.get_fields():
            name = f"{model._meta.label}.{field.name}"
            if isinstance(field, models.TextField) and field.editable and name not in COMPUTED:
                yield name, field


@pytest.mark.parametrize(("name", "field"), list(_editable_text_fields()))
def test_every_text_a_person_writes_has_a_limit_that_full_clean_enforces(name, field):
    assert field.max_length, f"{name} has no max_length"
    assert any(
        isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length
        for v in field.validators
    ), f"{name}: full_clean would not enforce its max_length (use core.limits)"


def test_a_measures_summary_over_the_limit_is_refused_by_full_clean():
    measure = Measure(code="m", title_ru="Мера", level="city", provider="Фонд")
    measure.summary_ru = "я" * 5_001
    with pytest.raises(ValidationError) as refused:
        measure.clean_fields()
    assert [e.code for e in refused.value.error_dict["summary_ru"]] == ["max_length"]
    measure.summary_ru = "я" * 5_000
    measure.clean_fields()  # at the limit: taken


def test_require_max_length_refuses_under_the_callers_name():
    require_max_length("reason", "я" * 10, 10)
    with pytest.raises(ValidationError) as refused:
        require_max_length("reason", "я" * 11, 10)
    assert [e.code for e in refused.value.error_dict["reason"]] == ["max_length"]


def _unbounded(schema: dict, components: dict, where: str, seen: set):
    """Where in a request body's schema a string has no maxLength or an array no maxItems."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return
        seen.add(name)
        schema, where = components[name], name
    for key in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(key, []):
            yield from _unbounded(part, components, where, seen)
    if schema.get("readOnly"):
        return
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        for name, part in schema.get("properties", {}).items():
            yield from _unbounded(part, components, f"{where}.{name}", seen)
    elif kind == "array":
        if "maxItems" not in schema:
            yield f"{where}: an array without maxItems"
        yield from _unbounded(schema.get("items", {}), components, f"{where}[]", seen)
    elif kind == "string":
        pattern = schema.get("pattern", "")
        bounded = (
            "maxLength" in schema
            or "enum" in schema
            or schema.get("format") in BOUNDED_FORMATS
            or (
                pattern.startswith("^")
                and pattern.endswith("$")
                and not re.search(r"[+*]|,}", pattern)
            )
        )
        if not bounded:
            yield f"{where}: a string without maxLength"


@pytest.mark.django_db
def test_every_string_and_list_of_every_request_body_is_bounded_in_the_schema():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components, seen, unbounded = schema["components"]["schemas"], set(), []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                where = f"{method.upper()} {path}"
                unbounded += _unbounded(content["schema"], components, where, seen)
    assert unbounded == []


def _our_forms():
    found = set()
    for module_info in pkgutil.walk_packages(innocluster.__path__, "innocluster."):
        if ".migrations" in module_info.name or ".management" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                found.add(value)
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__name__}")


def test_every_text_field_of_every_form_has_a_limit():
    unbounded = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _our_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert len(_our_forms()) > 20  # the walk found the forms
    assert unbounded == []
