"""The schema's page objects match what the extra actions send.

An extra action (`/things/{id}/offers/`) that answers `Response(serializer(many=True).data)`
sends a plain list; drf-spectacular documents it as a page unless the action says
`pagination_class=None`. Clients and the CI fuzzer then expect `{"count", "results"}`
and read `[]`. The fuzzer found three of these, one at a time; this finds them all at once.
"""

import inspect
import re
from pathlib import Path

import yaml
from django.urls import resolve

SCHEMA = Path(__file__).parents[2] / "schema" / "openapi.yaml"


def paged_extra_actions():
    paths = yaml.safe_load(SCHEMA.read_text())["paths"]
    for path, operations in paths.items():
        answer = operations.get("get", {}).get("responses", {}).get("200", {})
        reference = str(answer.get("content", {}).get("application/json", {}).get("schema", {}))
        if "Paginated" not in reference or not re.search(r"\{[^}]+\}/[a-z-]+/$", path):
            continue
        yield path


def test_every_paged_extra_action_in_the_schema_really_answers_with_a_page():
    plain_lists = []
    for path in paged_extra_actions():
        callback = resolve(re.sub(r"\{[^}]+\}", "1", path)).func
        action = callback.actions["get"]
        if action == "list":  # a nested resource's own list, paged by the mixin
            continue
        method = getattr(callback.cls, action)
        if "get_paginated_response" not in inspect.getsource(method):
            plain_lists.append(path)
    assert plain_lists == []
