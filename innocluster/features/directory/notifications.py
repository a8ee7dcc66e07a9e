"""What the directory tells people: new organizations that match a saved search."""

from django.utils.translation import gettext_lazy as _

from innocluster.platform.notifications.kinds import NotificationKind, register

SAVED_SEARCH_MATCHES = register(
    NotificationKind(
        code="directory.saved_search_matches",
        title=_("New organizations for your search «{search}»"),
        body=_("{count} new organizations match, among them {first}."),
    )
)
