from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "innocluster.platform.status"
    label = "participation"
    verbose_name = _("Participant status")

    def ready(self):
        from . import services  # noqa: F401 - registers the status review kind
