"""The site's URLs, plus the fake kinds' API and pages (tests/reviews/fakekind), so the fake
kinds are reached as a real kind is: /api/v1/fake-applications/…, /fake/applications/…"""

from django.urls import include, path

from innocluster.site.urls import handler404, handler500  # noqa: F401
from innocluster.site.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("api/v1/", include("tests.reviews.fakekind.api")),
    path("", include("tests.reviews.fakekind.pages")),
    *site_urlpatterns,
]
