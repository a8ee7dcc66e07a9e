from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "innocluster.features.clusters"
    label = "clusters"
    verbose_name = _("Intersectoral clusters")

    def ready(self):
        # Joint projects and the status application: the review kind, the register's ledger
        # kinds and notifications, and the daily check of the 30 members.
        from . import search_projects, tasks_register  # noqa: F401
        from .services import application  # noqa: F401
