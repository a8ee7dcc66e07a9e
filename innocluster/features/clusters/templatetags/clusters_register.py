from django import template

from ..selectors_projects import members_compared as _members_compared

register = template.Library()


@register.simple_tag
def members_compared(submission):
    """The members at submission beside today, for an application that was submitted."""
    if not submission.case.submitted_at:
        return []
    return _members_compared(application=submission)


@register.filter
def counted_then(rows) -> int:
    return sum(1 for row in rows if row["counted_then"])


@register.filter
def counted_now(rows) -> int:
    return sum(1 for row in rows if row["counted_now"])
