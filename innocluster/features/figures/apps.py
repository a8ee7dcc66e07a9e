from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "innocluster.features.figures"
    label = "figures"
    verbose_name = _("Figures and open data")

    def ready(self):
        # The platform's own figure sources, the daily snapshot job and the ledger's words.
        from . import sources, tasks  # noqa: F401
