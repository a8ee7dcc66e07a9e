from django.urls import path

from . import views

app_name = "pilots"

urlpatterns = [
    path("sites/", views.site_list, name="sites"),
    path("sites/mine/", views.my_sites, name="my_sites"),
    path("sites/new/", views.site_create, name="site_new"),
    path("sites/<int:pk>/", views.site_detail, name="site"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
]
