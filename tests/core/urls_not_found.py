"""The test URLs with the site's handler404 named as innocluster.core.api.not_found."""

from tests.urls import urlpatterns  # noqa: F401

handler404 = "innocluster.core.api.not_found"
