from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "innocluster.features.support"
    label = "support"
    verbose_name = _("Support measures")

    def ready(self):
        from . import review  # noqa: F401 - registers the grant application review kind
