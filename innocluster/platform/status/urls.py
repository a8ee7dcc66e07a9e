from django.urls import path

from . import views

app_name = "participation"
urlpatterns = [
    path("status/", views.home, name="home"),
    path("status/apply/<int:organization_pk>", views.application_create, name="apply"),
    *views.application_pages.urls("status/applications/"),
    path("register/", views.register, name="register"),
    path("register/export.csv", views.register_csv, name="register_csv"),
    path("register/<str:number>/", views.register_entry, name="entry"),
    path("register/<str:number>/change", views.register_change, name="change"),
]
