from django.urls import path

from .views import bookings, catalogue, classes, offers

app_name = "facilities"
urlpatterns = [
    path("", catalogue.facility_list, name="list"),
    path("<int:pk>/", catalogue.facility_detail, name="detail"),
    path("<int:pk>/photos/<int:photo_pk>/", catalogue.facility_photo, name="photo"),
    path("<int:pk>/schedule/", bookings.schedule, name="schedule"),
    path("<int:pk>/schedule.ics", bookings.schedule_ics, name="schedule_ics"),
    path("resources/<int:pk>/", bookings.resource_detail, name="resource"),
    path("bookings/", bookings.my_bookings, name="my_bookings"),
    path("bookings/mine.ics", bookings.my_bookings_ics, name="my_bookings_ics"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/<str:decision>/", bookings.booking_decide, name="booking_decide"),
    path("offers/", offers.offer_list, name="offers"),
    path("offers/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path(
        "offers/<int:pk>/requests/<int:request_pk>/<str:decision>/",
        offers.request_decide,
        name="request_decide",
    ),
    path("classes/", classes.class_list, name="classes"),
    path("classes/<int:pk>/", classes.class_detail, name="class_detail"),
    path("classes/enrolments/", classes.my_enrolments, name="my_enrolments"),
    path("classes/enrolments/<int:pk>/cancel/", classes.enrolment_cancel, name="enrolment_cancel"),
]
