"""Values printed into HTML drawn in Python, byte for byte as a template prints them.

Template tags that draw their markup with plain string work, because the template language
cost too much on a long page (issue 18: the register's rows, the reviewers' queue, the filter
panel), print each value through `template_escape`, so their output stays what the
template drew.
"""

import html

from django.utils.formats import localize


def template_escape(value) -> str:
    """`{{ value }}` with autoescape on: numbers and dates localized, text already marked safe
    as it is, the rest escaped. Django's `conditional_escape(localize(value))`, with
    `html.escape` (what Django's `escape` does) called directly: without `escape`'s checks for
    lazy strings, which a hundred values a page pay for."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(localize(value)))
