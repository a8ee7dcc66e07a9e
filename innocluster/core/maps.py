"""A point on the map, as the catalogues keep, take and show it: the model's fields, the form's,
what a page with a Leaflet map needs (the tile server, its attribution) and the one hole the
Content-Security-Policy opens for its tiles.
Facilities and pilot sites both use these."""

from decimal import Decimal
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LIMITS = {"latitude": 90, "longitude": 180}
LABELS = {"latitude": _("latitude"), "longitude": _("longitude")}


def coordinate_field(name: str) -> models.DecimalField:
    """A model's `latitude` or `longitude`: decimal degrees to a micro-degree (about 10 cm)."""
    limit = Decimal(LIMITS[name])
    return models.DecimalField(
        LABELS[name],
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(-limit), MaxValueValidator(limit)],
    )


def on_earth(name: str) -> models.CheckConstraint:
    """The database's own check of a model's two coordinates."""
    return models.CheckConstraint(
        condition=Q(latitude__gte=-90, latitude__lte=90)
        & Q(longitude__gte=-180, longitude__lte=180),
        name=name,
    )


def degrees_form_field(label, limit: int, help_text) -> forms.DecimalField:
    # The limits here too (the model has them as well): every error of the form shows at once.
    return forms.DecimalField(
        label=label,
        min_value=-limit,
        max_value=limit,
        max_digits=9,
        decimal_places=6,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "0.000001"}),
    )


def map_context() -> dict:
    """What the map's template reads: the tile server (none on a closed network) and its
    attribution."""
    return {
        "tiles_url": settings.MAP_TILES_URL,
        "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
    }


def with_tiles_csp(response):
    """Let the page load tiles from the configured server, and nothing else from outside."""
    if settings.MAP_TILES_URL:
        parts = urlsplit(settings.MAP_TILES_URL.replace("{s}", "a"))
        origin = f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"
        response._csp_update = {"img-src": [origin]}
    return response
