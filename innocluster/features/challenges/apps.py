from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "innocluster.features.challenges"
    label = "challenges"
    verbose_name = _("City challenges")

    def ready(self):
        from . import (
            notifications,  # noqa: F401  (registers the notification kinds)
            services,  # noqa: F401  (registers the audit actions)
        )
