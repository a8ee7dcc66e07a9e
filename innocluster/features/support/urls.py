from django.urls import include, path

from . import views

app_name = "support"
urlpatterns = [
    path("support/", views.catalogue, name="catalogue"),
    path("support/for-me/", views.for_me, name="for_me"),
    path("support/measures/<int:pk>/", views.measure, name="measure"),
    path("support/measures/<int:pk>/apply/<int:organization_pk>", views.apply, name="apply"),
    *views.application_pages.urls("support/applications/"),
    path("support/applications/<int:pk>/items/<int:item_pk>/cut", views.cut, name="cut"),
    path("support/applications/<int:pk>/score", views.score, name="score"),
    path("support/awards/", include("innocluster.features.support.awards.urls")),
]
