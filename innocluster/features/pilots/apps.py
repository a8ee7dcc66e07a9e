from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "innocluster.features.pilots"
    label = "pilots"
    verbose_name = _("Pilot testing")

    def ready(self):
        # The proposal's review kind, the consents' daily check and notifications.
        from . import proposal, tasks  # noqa: F401
