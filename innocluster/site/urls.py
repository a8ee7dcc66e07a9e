from csp.decorators import csp_update
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from innocluster.core import views as core_views
from innocluster.platform.organizations import views as organization_views

# The admin site speaks as the platform, not as "Django administration".
admin.site.site_header = _("innocluster: the fund's administration")
admin.site.site_title = _("innocluster administration")
admin.site.index_title = _("What the fund administers")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI sets a few inline styles; its scripts still come only from our own files.
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="schema")
        ),
        name="api-docs",
    ),
    path("api/v1/", include("innocluster.site.api_urls")),
]
urlpatterns += i18n_patterns(
    path("", organization_views.home, name="home"),
    # "My account" gathers organizations, so it lives with them, under the accounts' address.
    path("accounts/", organization_views.dashboard, name="dashboard"),
    path("accounts/", include("innocluster.platform.accounts.urls")),
    path("organizations/", include("innocluster.platform.organizations.urls")),
    path("ip/", include("innocluster.features.ipregistry.urls")),
    path("ledger/", include("innocluster.platform.ledger.urls")),
    path("directory/", include("innocluster.features.directory.urls")),
    path("", include("innocluster.platform.reviews.urls")),
    path("", include("innocluster.platform.status.urls")),
    path("notifications/", include("innocluster.platform.notifications.urls")),
    path("facilities/", include("innocluster.features.facilities.urls")),
    path("", include("innocluster.features.support.urls")),
    # Before the clusters' own: it answers /clusters/<pk>/chain/ and /supply/….
    path("", include("innocluster.features.chains.urls")),
    # The community of a cluster, before the clusters app (it owns clusters/<pk>/community/).
    path(
        "clusters/<int:cluster_pk>/community/",
        include("innocluster.features.community.urls"),
    ),
    path("clusters/", include("innocluster.features.clusters.urls")),
    path("challenges/", include("innocluster.features.challenges.urls")),
    path("exchange/", include("innocluster.features.exchange.urls")),
    path("pilots/", include("innocluster.features.pilots.urls")),
    path("jobs/", include("innocluster.features.jobs.urls")),
    path("marketplace/", include("innocluster.features.marketplace.urls")),
    path("", include("innocluster.features.kpireports.urls")),
    # The public figures (/figures/) and the open data (/opendata/).
    path("", include("innocluster.features.figures.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler404 = "innocluster.core.api.not_found"
handler500 = "innocluster.core.views.server_error"
