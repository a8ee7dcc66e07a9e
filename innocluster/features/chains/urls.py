"""Mounted at the site's root, before the clusters' own addresses (site/urls.py)."""

from django.urls import path

from . import views

app_name = "chains"
urlpatterns = [
    path("clusters/<int:pk>/chain/", views.cluster_chain_page, name="cluster_chain"),
    path("supply/", views.link_list, name="links"),
    path("supply/new/", views.link_record, name="record"),
    path("supply/<int:pk>/", views.link_detail, name="link"),
    path("supply/<int:pk>/confirm/", views.link_confirm, name="confirm"),
    path("supply/<int:pk>/decline/", views.link_decline, name="decline"),
    path("supply/<int:pk>/withdraw/", views.link_withdraw, name="withdraw"),
    path("supply/<int:pk>/end/", views.link_end, name="end"),
]
