from django.urls import path

from . import views

app_name = "marketplace"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mine/", views.mine, name="mine"),
    path("new/<int:pk>/", views.listing_create, name="new"),
    path("<int:pk>/", views.listing, name="listing"),
    path("<int:pk>/edit/", views.listing_edit, name="edit"),
    path("<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
    path("<int:pk>/photos/<int:photo_pk>/delete/", views.photo_delete, name="photo_delete"),
    path("<int:pk>/certificates/", views.certificate_add, name="certificate_add"),
    path("<int:pk>/certificates/<int:certificate_pk>/", views.certificate, name="certificate"),
    path(
        "<int:pk>/certificates/<int:certificate_pk>/delete/",
        views.certificate_delete,
        name="certificate_delete",
    ),
    path("<int:pk>/inquire/", views.inquire, name="inquire"),
    path("inquiries/", views.inquiries, name="inquiries"),
    path("inquiries/<int:pk>/", views.inquiry, name="inquiry"),
    path("inquiries/<int:pk>/order/", views.inquiry_order, name="inquiry_order"),
    path("inquiries/<int:pk>/close/", views.inquiry_close, name="inquiry_close"),
]
