from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("saved-searches", views.SavedSearchViewSet, basename="saved-search")

urlpatterns = [
    path("search", views.SearchView.as_view(), name="search"),
    path("search/suggest", views.SuggestView.as_view(), name="search-suggest"),
    path("partners", views.PartnersView.as_view(), name="partners"),
    path("", include(router.urls)),
]
