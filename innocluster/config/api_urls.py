from django.urls import include, path

urlpatterns = [
    path("", include("innocluster.accounts.api")),
    path("", include("innocluster.organizations.api.urls")),
    path("ledger/", include("innocluster.ledger.api.urls")),
    path("", include("innocluster.ipregistry.api.urls")),
]
