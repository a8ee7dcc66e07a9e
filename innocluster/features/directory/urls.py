from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("export/", views.export, name="export"),
    path("partners/", views.partner_search, name="partners"),
    path("saved/", views.saved_list, name="saved"),
    path("saved/new/", views.saved_create, name="saved_create"),
    path("saved/<int:pk>/delete/", views.saved_delete, name="saved_delete"),
    path("saved/<int:pk>/email/", views.saved_email, name="saved_email"),
    path("saved/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
