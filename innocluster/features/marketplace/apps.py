from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "innocluster.features.marketplace"
    label = "marketplace"
    verbose_name = _("Marketplace")

    def ready(self):
        from . import (
            notifications,  # noqa: F401  (registers the notification kinds)
            search,  # noqa: F401  (registers the search source)
            services,  # noqa: F401  (registers the audit actions; keeps the search text current)
        )
