from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("orders/<int:pk>/", views.order, name="order"),
    path("orders/<int:pk>/offer/", views.offer, name="offer"),
    path("orders/<int:pk>/award/", views.award, name="award"),
]
