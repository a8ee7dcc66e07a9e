from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("challenges", views.ChallengeViewSet, basename="challenge")
router.register("challenge-entries", views.EntryViewSet, basename="challenge-entry")
urlpatterns = [path("", include(router.urls))]
