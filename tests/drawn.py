"""Markup drawn in Python against the template it replaces (issue 18): both rendered with the same
context in one language, so a test asserts they are the same bytes."""

from django.template import engines
from django.utils import translation


def both_ways(template: str, tags: str, context: dict, language: str) -> tuple[str, str]:
    """(what `template` draws, what `tags` draws) with `context`, in `language`."""
    engine = engines["django"]
    with translation.override(language):
        return engine.from_string(template).render(context), engine.from_string(tags).render(
            context
        )
