from rest_framework.routers import SimpleRouter

from . import views

app_name = "ipregistry_api"

router = SimpleRouter(trailing_slash=True)
router.register("ip-objects", views.IPObjectViewSet, basename="ip-object")

urlpatterns = router.urls
