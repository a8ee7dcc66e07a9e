from django import template

from ..text import linkify

register = template.Library()


@register.filter
def post_text(text):
    """A post's plain text, escaped, with http(s) links and line breaks."""
    return linkify(text)


@register.inclusion_tag("community/includes/announcements.html", takes_context=True)
def cluster_announcements(context, cluster, limit=3):
    """The announcements block of the cluster page: `{% cluster_announcements cluster %}`."""
    from ..selectors import announcements_for

    user = context.get("user")
    return {"cluster": cluster, "announcements": announcements_for(cluster, user, limit)}
