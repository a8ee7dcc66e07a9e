"""The demo data builder, and the admin pages of facilities with rows in them."""

import pytest
from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from innocluster.features.facilities import demo
from innocluster.features.facilities.models import (
    Booking,
    CapacityOffer,
    Course,
    Enrolment,
    Facility,
    Resource,
)
from tests.factories import OrganizationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    organizations = [OrganizationFactory() for _ in range(14)]
    for organization in organizations:
        member_of(organization, "owner")
    for _ in range(20):
        UserFactory()
    return demo.build(count=14, seed=3, first_organization=organizations[0]), organizations


def test_the_demo_builds_every_kind_of_thing_through_the_services(built):
    report, organizations = built
    assert report.facilities == Facility.objects.count() == 14
    assert report.resources == Resource.objects.bookable().count()
    bookings = Booking.objects.exclude(resource__kind="class_seats")
    assert report.bookings + report.past_bookings == bookings.count()
    assert report.bookings > 0 and report.past_bookings > 0
    now = timezone.now()
    past = bookings.filter(starts_at__lt=now)
    assert past.count() == report.past_bookings  # the past year's, made then: confirmed
    assert not past.exclude(status="confirmed").exists()
    assert not past.filter(created_at__gte=F("starts_at")).exists()
    assert report.offers == CapacityOffer.objects.count() > 0
    assert report.classes == Course.objects.count() > 0
    assert report.enrolments == Enrolment.objects.count() > 0
    assert Facility.objects.order_by("pk").first().organization == organizations[0]
    assert Booking.objects.filter(status="pending").exists()  # something to approve


def test_every_facilities_admin_page_opens(built, client):
    client.force_login(UserFactory(staff_role="admin", is_staff=True, is_superuser=True))
    models = [m for m in admin.site._registry if m._meta.app_label == "facilities"]
    assert len(models) == 8
    for model in models:
        name = f"admin:facilities_{model._meta.model_name}"
        assert client.get(reverse(f"{name}_changelist")).status_code == 200
        first = model._default_manager.first()
        assert client.get(reverse(f"{name}_change", args=[first.pk])).status_code == 200
