from django.urls import include, path

urlpatterns = [
    path("", include("innocluster.accounts.api")),
    path("", include("innocluster.organizations.api.urls")),
    path("ledger/", include("innocluster.ledger.api.urls")),
    path("", include("innocluster.ipregistry.api.urls")),
    path("", include("innocluster.reviews.api.urls")),
    path("", include("innocluster.participation.api.urls")),
    path("", include("innocluster.directory.api.urls")),
    path("", include("innocluster.notifications.api.urls")),
    path("", include("innocluster.facilities.api.urls")),
    path("", include("innocluster.support.api.urls")),
]
