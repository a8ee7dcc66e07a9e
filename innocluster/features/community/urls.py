"""Mounted at clusters/<int:cluster_pk>/community/ (site/urls.py), before the clusters app."""

from django.urls import path

from . import views

app_name = "community"
urlpatterns = [
    path("", views.thread_list, name="list"),
    path("new/", views.thread_new, name="new"),
    path("<int:pk>/", views.thread_detail, name="thread"),
    path("<int:pk>/reply/", views.post_new, name="reply"),
    path("<int:pk>/moderate/", views.thread_moderate, name="moderate"),
    path("<int:pk>/follow/", views.thread_follow, name="follow"),
    path("<int:pk>/posts/<int:post_pk>/remove/", views.post_remove, name="remove"),
    path("<int:pk>/posts/<int:post_pk>/attachment/", views.attachment, name="attachment"),
]
