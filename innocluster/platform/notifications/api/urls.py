from django.urls import path

from . import views

# The actions are sub-resources without a trailing slash, as everywhere in the API.
urlpatterns = [
    path(
        "notifications/",
        views.NotificationViewSet.as_view({"get": "list"}),
        name="notification-list",
    ),
    path(
        "notifications/read-all",
        views.NotificationViewSet.as_view({"post": "read_all"}),
        name="notification-read-all",
    ),
    path(
        "notifications/<int:pk>/read",
        views.NotificationViewSet.as_view({"post": "read"}),
        name="notification-read",
    ),
]
