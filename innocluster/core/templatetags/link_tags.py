"""`{% fixed_url "name" %}`: `{% url "name" %}` for a page without arguments, reversed once
per process (issue 18).

Every page's header and footer link two dozen such pages, and each `{% url %}` walks the
resolver again: a third of a millisecond of every page's CPU. What a name without arguments
reverses to depends on nothing but the language (its prefix, /en/), the script prefix, the
URLconf and the current application, so it is kept under those.
"""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def fixed_url(context, name: str) -> str:
    """What `{% url name %}` gives (the current application read as that tag reads it)."""
    try:
        current_app = context.request.current_app
    except AttributeError:
        try:
            current_app = context.request.resolver_match.namespace
        except AttributeError:
            current_app = None
    return _reversed(name, current_app, get_language(), get_script_prefix(), get_urlconf())


# Two dozen names, under each application's namespace that shows them, in two languages.
@lru_cache(maxsize=4096)
def _reversed(name: str, current_app, language, script_prefix, urlconf) -> str:
    # `language` and `script_prefix` are the key: `reverse` reads them itself.
    return reverse(name, urlconf=urlconf, current_app=current_app)
