from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import classes, offers, views

router = SimpleRouter(trailing_slash=True)
router.register("facilities", views.FacilityViewSet, basename="facility")
router.register("resources", views.ResourceViewSet, basename="resource")
router.register("bookings", views.BookingViewSet, basename="booking")
router.register("capacity-offers", offers.CapacityOfferViewSet, basename="capacity-offer")
router.register("classes", classes.CourseViewSet, basename="class")

offer_requests = SimpleRouter(trailing_slash=True)
offer_requests.register("requests", offers.CapacityRequestViewSet, basename="capacity-request")
enrolments = SimpleRouter(trailing_slash=True)
enrolments.register("enrolments", classes.EnrolmentViewSet, basename="class-enrolment")

urlpatterns = [
    path("", include(router.urls)),
    path("capacity-offers/<int:offer_pk>/", include(offer_requests.urls)),
    path("classes/<int:course_pk>/", include(enrolments.urls)),
]
