from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "innocluster.core"
    label = "core"
    verbose_name = _("Platform records")

    def ready(self):
        from . import displays, lookups, querycache

        lookups.register()
        # Database plumbing, not domain logic: each new SQLite connection learns CASEFOLD.
        connection_created.connect(lookups.add_sqlite_functions)
        # Cached counts (core/querycache.py) go stale with any write.
        querycache.connect()
        # get_FOO_display() reads a table built once per field (core/displays.py).
        displays.install()
        # Tables kept by triggers get them back after a migration rebuilt their source table.
        post_migrate.connect(_repair_kept_tables, sender=self)


def _repair_kept_tables(sender, using="default", **kwargs) -> None:
    from . import triggered

    triggered.repair(using)
