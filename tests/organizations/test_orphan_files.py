"""Organizations' part of the daily sweep: logos and product images no row names go a day
after they were written; a named one and a young one stay."""

import pytest

from tests.factories import OrganizationFactory, ProductFactory
from tests.orphans import aged, exists, stray, swept

pytestmark = pytest.mark.django_db


def test_the_daily_job_deletes_logos_and_product_images_no_row_names():
    # Given a logo and a product's image, and files their processes died leaving
    logo, image = stray("logos/named.png"), stray("products/named.png")
    ProductFactory(organization=OrganizationFactory(logo=logo), image=image)
    lost = [stray("logos/lost.png"), stray("products/lost.png")]
    young = stray("products/in-flight.png")
    aged(logo, image, *lost)
    # When the scheduler runs the daily sweep
    assert swept("organizations") == 2
    # Then the files no row names are gone, the named and the young ones stay
    assert not any(exists(name) for name in lost)
    assert exists(logo) and exists(image) and exists(young)
