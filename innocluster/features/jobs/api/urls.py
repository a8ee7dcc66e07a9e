from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("vacancies", views.VacancyViewSet, basename="vacancy")
router.register("job-applications", views.ApplicationViewSet, basename="job-application")

urlpatterns = [path("", include(router.urls))]
