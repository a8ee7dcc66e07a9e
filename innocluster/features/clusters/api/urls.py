from rest_framework.routers import SimpleRouter

app_name = "clusters_api"

router = SimpleRouter(trailing_slash=True)

urlpatterns = router.urls
