"""Facilities' part of the daily sweep: photos no row names go a day after they were written;
a named one and a young one stay."""

import pytest

from innocluster.features.facilities.models import FacilityPhoto
from tests.orphans import aged, exists, stray, swept

from .helpers import make_facility

pytestmark = pytest.mark.django_db


def test_the_daily_job_deletes_photos_no_row_names():
    # Given a facility's photo, and a file beside it no row names
    facility, _ = make_facility()
    photo = FacilityPhoto.objects.create(facility=facility, image=stray("facilities/a.png"))
    lost, young = stray("facilities/lost.png"), stray("facilities/in-flight.png")
    aged(photo.image.name, lost)
    # When the scheduler runs the daily sweep
    assert swept("facilities") == 1
    # Then the file no row names is gone, the named and the young ones stay
    assert not exists(lost) and exists(photo.image.name) and exists(young)
