from django.urls import include, path

from . import views

app_name = "support"
urlpatterns = [
    path("support/", views.catalogue, name="catalogue"),
    path("support/for-me/", views.for_me, name="for_me"),
    path("support/measures/<int:pk>/", views.measure, name="measure"),
    path("support/measures/<int:pk>/apply/<int:organization_pk>", views.apply, name="apply"),
    path("support/applications/<int:pk>/", views.application, name="application"),
    path("support/applications/<int:pk>/items", views.item_add, name="item_add"),
    path(
        "support/applications/<int:pk>/items/<int:item_pk>/remove",
        views.item_remove,
        name="item_remove",
    ),
    path("support/applications/<int:pk>/items/<int:item_pk>/file", views.item_file, name="item"),
    path("support/applications/<int:pk>/items/<int:item_pk>/cut", views.cut, name="cut"),
    path("support/applications/<int:pk>/documents", views.document_add, name="document_add"),
    path(
        "support/applications/<int:pk>/documents/<int:document_pk>/remove",
        views.document_remove,
        name="document_remove",
    ),
    path(
        "support/applications/<int:pk>/documents/<int:document_pk>/file",
        views.document_file,
        name="document",
    ),
    path("support/applications/<int:pk>/score", views.score, name="score"),
    path("support/awards/", include("innocluster.features.support.awards.urls")),
]
