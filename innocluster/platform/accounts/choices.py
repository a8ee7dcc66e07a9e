from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    """A person's role at the fund. Granted only by a fund administrator."""

    NONE = "", _("none")
    REVIEWER = "reviewer", _("fund reviewer")
    ADMIN = "admin", _("fund administrator")


class Language(models.TextChoices):
    RU = "ru", "Русский"
    EN = "en", "English"
