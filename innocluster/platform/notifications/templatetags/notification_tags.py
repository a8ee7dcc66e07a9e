"""A page of my notifications, drawn in Python (issue 18).

The template language spent on each of the page's 20 notifications a `{% url %}`, a
`{% csrf_token %}`, three `translate`s, two `date` filters, `linebreaksbr` and a dozen variable
lookups, and read each one's title and body in words twice: a quarter of the page's CPU
(`scripts/profile_page.py`). This draws the same bytes (tests/notifications compare it with the
loop it replaces, in both languages, escaping included) with plain string work.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from innocluster.core.markup import formatted, reverser, template_escape

from ..rendering import render

register = template.Library()


@register.simple_tag(takes_context=True)
def notification_items(context, notifications) -> str:
    """The `<li>` of each notification, each after the whitespace the template's loop put before
    it; its form to open it or mark it read posts back to this page (`next`)."""
    page = {
        "new": template_escape(gettext("New")),
        "open": template_escape(gettext("Open")),
        "mark": template_escape(gettext("Mark as read")),
        "link": reverser("notifications:open"),
        "csrf": _csrf_input(context.get("csrf_token")),
        "next": template_escape(context["request"].get_full_path()),
        "when": get_format("DATETIME_FORMAT"),
    }
    return mark_safe("".join(_item(notification, page) for notification in notifications))  # noqa: S308


def _csrf_input(token) -> str:
    """What `{% csrf_token %}` draws."""
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's marker, no secret
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _item(notification, page: dict) -> str:
    title, body = render(notification.kind, notification.context)  # its .title and .body
    link, unread = notification.link, not notification.is_read
    pk = template_escape(notification.pk)
    moment = template_localtime(notification.created_at)
    badge = f'<span class="badge">{page["new"]}</span>' if unread else ""
    text = ""
    if body:
        text = f'<p class="notification-body">{linebreaksbr(body, autoescape=True)}</p>'
    form = ""
    if link or unread:
        action = template_escape(page["link"](notification.pk))
        button = page["open"] if link else page["mark"]
        form = (
            f'\n    <form method="post" action="{action}">{page["csrf"]}\n'
            f'      <input type="hidden" name="next" value="{page["next"]}">\n'
            f'      <button type="submit" class="button small{"" if link else " secondary"}"'
            f' aria-describedby="notification-{pk}">{button}</button>\n    </form>\n    '
        )
    return (
        f'\n  <li class="notification{" unread" if unread else ""}">\n'
        f'    <h2 class="notification-title" id="notification-{pk}">\n'
        f"      {badge}\n"
        f"      {template_escape(title)}\n"
        "    </h2>\n"
        f"    {text}\n"
        f'    <p class="meta"><time datetime="{template_escape(formatted(moment, "c"))}">'
        f"{template_escape(formatted(moment, page['when']))}</time></p>\n"
        f"    {form}\n"
        "  </li>\n  "
    )
