from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _prepare_connection(sender, connection, **kwargs) -> None:
    """Database plumbing, not domain logic: SQLite connections learn the functions the search
    triggers call."""
    if connection.vendor == "sqlite":
        from .backends.sqlite import add_functions

        add_functions(connection.connection)


def _register_saved_source() -> None:
    """Organizations are the first source of saved searches (saved.py)."""
    from django.urls import reverse

    from . import selectors
    from .filters import SearchFilterSet
    from .notifications import SAVED_SEARCH_MATCHES
    from .saved import SavedSource, saved_source_register

    saved_source_register(
        SavedSource(
            code="organizations",
            label=_("Organizations"),
            filterset=SearchFilterSet,
            results=lambda data: selectors.organization_search_queryset(data=data),
            new_field="created_at",
            notification=SAVED_SEARCH_MATCHES.code,
            search_url="directory:search",
            row_text=lambda organization: organization.short_name,
            row_url=lambda organization: reverse("organizations:detail", args=[organization.pk]),
        )
    )


class DirectoryConfig(AppConfig):
    name = "innocluster.features.directory"
    label = "directory"
    verbose_name = _("Search and discovery")

    def ready(self):
        from . import notifications  # noqa: F401 - the kinds of notification

        _register_saved_source()

        connection_created.connect(_prepare_connection)
