from django.urls import path

from . import views

app_name = "ipregistry"
urlpatterns = [
    path("", views.ip_list, name="list"),
    path("new/", views.ip_register, name="register"),
    path("waiting/", views.ip_waiting, name="waiting"),
    path("<int:pk>/", views.ip_detail, name="detail"),
    path("<int:pk>/confirm/", views.ip_confirm, name="confirm"),
    path("<int:pk>/decline/", views.ip_decline, name="decline"),
    path("<int:pk>/withdraw/", views.ip_withdraw, name="withdraw"),
    path("<int:pk>/file/", views.ip_file, name="file"),
]
