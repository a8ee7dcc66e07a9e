from django.urls import path

from . import views, views_after

app_name = "exchange"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("orders/<int:pk>/", views.order, name="order"),
    path("orders/<int:pk>/offer/", views.offer, name="offer"),
    path("orders/<int:pk>/award/", views.award, name="award"),
    path("orders/<int:pk>/contract/", views_after.contract, name="contract"),
    path("orders/<int:pk>/delivery/", views_after.delivery, name="delivery"),
    path("orders/<int:pk>/rating/", views_after.rating, name="rating"),
]
