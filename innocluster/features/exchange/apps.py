from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "innocluster.features.exchange"
    label = "exchange"
    verbose_name = _("Contract production exchange")

    def ready(self):
        from . import (
            notifications,  # noqa: F401  (registers the notification kinds)
            search,  # noqa: F401  (registers the search source)
            services,  # noqa: F401  (registers the audit actions and ledger kinds)
            tasks,  # noqa: F401  (registers the daily opening sweep)
        )
