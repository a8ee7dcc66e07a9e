from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("pilot-sites", views.SiteViewSet, basename="pilot-site")

urlpatterns = [path("", include(router.urls))]
