from django.urls import path

from . import views

app_name = "ledger"

urlpatterns = [
    path("", views.home, name="home"),
    path("entries/<int:index>/", views.entry, name="entry"),
]
