from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "innocluster.features.community"
    label = "community"
    verbose_name = _("Cluster community")

    def ready(self):
        # The notification kinds and audit labels are declared at import.
        from . import notifications, services  # noqa: F401
