from django.db import models
from django.utils.translation import gettext_lazy as _


class IPKind(models.TextChoices):
    INVENTION = "invention", _("invention")
    UTILITY_MODEL = "utility_model", _("utility model")
    SOFTWARE = "software", _("computer program")
    DESIGN = "design", _("industrial design")
    KNOW_HOW = "know_how", _("know-how")
