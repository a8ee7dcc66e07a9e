from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "innocluster.features.pilots"
    label = "pilots"
    verbose_name = _("Pilot testing")

    def ready(self):
        # The proposal's review kind, the consents' daily check and notifications.
        from innocluster.features.challenges import hooks

        from . import proposal, tasks  # noqa: F401
        from .plan import create_pilot_from_entry

        hooks.register_winner_pilot(create_pilot_from_entry)
