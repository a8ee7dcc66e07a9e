from django.urls import path

from .views import bookings, catalogue, classes, manage, manage_resources, offers

app_name = "facilities"
urlpatterns = [
    path("", catalogue.facility_list, name="list"),
    path("mine/", manage.my_facilities, name="mine"),
    path("new/", manage.facility_create, name="facility_new"),
    path("<int:pk>/", catalogue.facility_detail, name="detail"),
    path("<int:pk>/edit/", manage.facility_edit, name="facility_edit"),
    path("<int:pk>/photos/", manage.photo_add, name="photo_add"),
    path("<int:pk>/photos/<int:photo_pk>/", catalogue.facility_photo, name="photo"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", manage.photo_delete, name="photo_delete"),
    path("<int:pk>/resources/new/", manage_resources.resource_create, name="resource_new"),
    path("<int:pk>/classes/new/", classes.class_create, name="class_new"),
    path("<int:pk>/schedule/", bookings.schedule, name="schedule"),
    path("<int:pk>/schedule.ics", bookings.schedule_ics, name="schedule_ics"),
    path("resources/<int:pk>/", bookings.resource_detail, name="resource"),
    path("resources/<int:pk>/edit/", manage_resources.resource_edit, name="resource_edit"),
    path("resources/<int:pk>/blackouts/", manage_resources.blackout_add, name="blackout_add"),
    path(
        "resources/<int:pk>/blackouts/<int:blackout_pk>/delete/",
        manage_resources.blackout_delete,
        name="blackout_delete",
    ),
    path("bookings/", bookings.my_bookings, name="my_bookings"),
    path("bookings/mine.ics", bookings.my_bookings_ics, name="my_bookings_ics"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/<str:decision>/", bookings.booking_decide, name="booking_decide"),
    path("equipment/", catalogue.equipment_list, name="equipment"),
    path("offers/", offers.offer_list, name="offers"),
    path("offers/new/", offers.offer_create, name="offer_new"),
    path("offers/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/edit/", offers.offer_edit, name="offer_edit"),
    path(
        "offers/<int:pk>/requests/<int:request_pk>/<str:decision>/",
        offers.request_decide,
        name="request_decide",
    ),
    path("classes/", classes.class_list, name="classes"),
    path("classes/<int:pk>/", classes.class_detail, name="class_detail"),
    path("classes/<int:pk>/edit/", classes.class_edit, name="class_edit"),
    path("classes/enrolments/", classes.my_enrolments, name="my_enrolments"),
    path("classes/enrolments/<int:pk>/cancel/", classes.enrolment_cancel, name="enrolment_cancel"),
]
