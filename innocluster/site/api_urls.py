from django.urls import include, path

urlpatterns = [
    path("", include("innocluster.platform.accounts.api")),
    path("", include("innocluster.platform.organizations.api.urls")),
    path("ledger/", include("innocluster.platform.ledger.api.urls")),
    path("", include("innocluster.features.ipregistry.api.urls")),
    path("", include("innocluster.platform.reviews.api.urls")),
    path("", include("innocluster.platform.status.api.urls")),
    path("", include("innocluster.features.directory.api.urls")),
    path("", include("innocluster.platform.notifications.api.urls")),
    path("", include("innocluster.features.facilities.api.urls")),
    path("", include("innocluster.features.support.api.urls")),
    path("", include("innocluster.features.community.api.urls")),
    path("", include("innocluster.features.clusters.api.urls")),
    path("", include("innocluster.features.chains.api.urls")),
    path("", include("innocluster.features.challenges.api.urls")),
    path("", include("innocluster.features.exchange.api.urls")),
    path("", include("innocluster.features.pilots.api.urls")),
    path("", include("innocluster.features.jobs.api.urls")),
    path("", include("innocluster.features.marketplace.api.urls")),
    path("", include("innocluster.features.kpireports.api.urls")),
]
