from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(trailing_slash=True)
router.register("exchange/categories", views.ExchangeCategoryViewSet, basename="exchange-category")
router.register("exchange/units", views.ExchangeUnitViewSet, basename="exchange-unit")
router.register("exchange/orders", views.OrderViewSet, basename="exchange-order")
router.register("exchange/interests", views.ExchangeInterestViewSet, basename="exchange-interest")
router.register("exchange/offers", views.OfferViewSet, basename="exchange-offer")
urlpatterns = [path("", include(router.urls))]
