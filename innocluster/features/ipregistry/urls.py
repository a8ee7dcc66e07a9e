from django.urls import path

from . import views

app_name = "ipregistry"
urlpatterns = [
    path("", views.ip_list, name="list"),
    path("new/", views.ip_register, name="register"),
    path("<int:pk>/", views.ip_detail, name="detail"),
    path("<int:pk>/file/", views.ip_file, name="file"),
]
