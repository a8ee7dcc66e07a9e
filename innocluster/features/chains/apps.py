from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainsConfig(AppConfig):
    name = "innocluster.features.chains"
    label = "chains"
    verbose_name = _("Cooperation chains")

    def ready(self):
        from . import notifications, services  # noqa: F401  (kinds and audit words)
