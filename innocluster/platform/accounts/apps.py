from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "innocluster.platform.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import auth_events  # noqa: F401  (connects the audit of sign-ins)
