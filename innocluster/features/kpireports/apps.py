from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiReportsConfig(AppConfig):
    name = "innocluster.features.kpireports"
    label = "kpireports"
    verbose_name = _("Yearly KPI reports")

    def ready(self):
        # The report's review kind, its notifications and the daily reminders.
        from . import kind, notifications, tasks  # noqa: F401
