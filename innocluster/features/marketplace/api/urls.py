from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("marketplace/listings", views.ListingViewSet, basename="marketplace-listing")
router.register("marketplace/inquiries", views.InquiryViewSet, basename="marketplace-inquiry")
urlpatterns = [path("", include(router.urls))]
