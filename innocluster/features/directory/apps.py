from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _prepare_connection(sender, connection, **kwargs) -> None:
    """Database plumbing, not domain logic: SQLite connections learn the functions the search
    triggers call."""
    if connection.vendor == "sqlite":
        from .backends.sqlite import add_functions

        add_functions(connection.connection)


class DirectoryConfig(AppConfig):
    name = "innocluster.features.directory"
    label = "directory"
    verbose_name = _("Search and discovery")

    def ready(self):
        from . import notifications  # noqa: F401 - the kinds of notification

        connection_created.connect(_prepare_connection)
