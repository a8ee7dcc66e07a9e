from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IPRegistryConfig(AppConfig):
    name = "innocluster.features.ipregistry"
    label = "ipregistry"
    verbose_name = _("Intellectual property register")
