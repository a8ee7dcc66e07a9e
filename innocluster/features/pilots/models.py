"""Pilot testing: the register of pilot sites where companies test their products.

A site belongs to an organization of the city, a technology park or a large corporation (its
operator, the catalogue kit's `Operated`), and names the people who answer for it: members of
that organization."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innocluster.core.limits import limited_text_field
from innocluster.core.maps import coordinate_field, on_earth
from innocluster.core.models import TimeStampedModel
from innocluster.core.names import validate_name
from innocluster.core.regions import MOSCOW, region_choices, region_name
from innocluster.platform.search.catalogue import Catalogued, operator_field, published_field
from innocluster.platform.search.fields import search_text_field

from .choices import SiteCategory

MAX_CAPACITY = 50


class PilotSite(TimeStampedModel, Catalogued):
    """A place where products are tested: a clinic, a library, a school, a depot…"""

    organization = operator_field(related_name="pilot_sites", verbose_name=_("operator"))
    category = models.CharField(
        _("category"), max_length=32, choices=SiteCategory.choices, db_index=True
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_name])
    description = limited_text_field(_("description"), blank=True, max_length=10_000)
    region = models.CharField(
        _("region"), max_length=2, choices=region_choices, default=MOSCOW, db_index=True
    )
    address = models.CharField(_("address"), max_length=500)
    latitude = coordinate_field("latitude")
    longitude = coordinate_field("longitude")
    testable = limited_text_field(_("what can be tested here"), max_length=5_000)
    hours = models.CharField(_("hours"), max_length=300, blank=True)
    access = limited_text_field(_("access"), blank=True, max_length=2_000)
    insurance_required = models.BooleanField(_("insurance required"), default=False)
    certificates_required = limited_text_field(
        _("certificates required"), blank=True, max_length=2_000
    )
    capacity = models.PositiveSmallIntegerField(
        _("pilots at once"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="pilot_sites",
        verbose_name=_("responsible people"),
        blank=True,
    )
    is_published = published_field()
    # What the one search and the site catalogue match words in (platform/search/sources.py).
    search_text = search_text_field("name", "address", "description", "testable")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("pilot site")
        verbose_name_plural = _("pilot sites")
        constraints = [
            on_earth("pilot_site_coordinates_on_earth"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="pilot_site_capacity_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def region_name(self) -> str:
        return region_name(self.region)
