from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "innocluster.platform.reviews"
    label = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from . import notify, tasks  # noqa: F401 - notification kinds, the daily schedule,
        # and the kit's documents declared for the sweep of orphaned files (core.orphans)
