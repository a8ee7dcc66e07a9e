from rest_framework.routers import SimpleRouter

from . import views

app_name = "community_api"

router = SimpleRouter(trailing_slash=True)
router.register(
    r"clusters/(?P<cluster_pk>[0-9]+)/threads",
    views.ThreadViewSet,
    basename="community-thread",
)
router.register(
    r"clusters/(?P<cluster_pk>[0-9]+)/threads/(?P<thread_pk>[0-9]+)/posts",
    views.PostViewSet,
    basename="community-post",
)

urlpatterns = router.urls
