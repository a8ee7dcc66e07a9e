from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "innocluster.features.facilities"
    label = "facilities"
    verbose_name = _("Facilities and bookings")

    def ready(self):
        from . import notifications, tasks  # noqa: F401 - kinds and the reminder schedule
