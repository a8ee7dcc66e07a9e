"""The site's URLs, plus the awards' pages and API where the project does not include them
yet (innocluster/features/support/urls.py and config/api_urls.py include them once wired): then this
is the site's own URLconf unchanged."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import NoReverseMatch, URLResolver, include, path, reverse
from django.urls.resolvers import LocalePrefixPattern

from innocluster.features.support import urls as support_urls
from innocluster.features.support.awards import api as awards_api
from innocluster.features.support.awards import urls as awards_urls
from innocluster.site import urls as site


def _has(name: str) -> bool:
    try:
        reverse(name, urlconf=site)
    except NoReverseMatch:
        return False
    return True


def _with_awards(patterns) -> list:
    """The patterns with the "support" namespace extended by the awards' pages."""
    combined = [*support_urls.urlpatterns, path("support/awards/", include(awards_urls))]
    result = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "support":
            result.append(path("", include((combined, "support"))))
        elif isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            result += i18n_patterns(
                *_with_awards(pattern.url_patterns), prefix_default_language=False
            )
        else:
            result.append(pattern)
    return result


urlpatterns = list(site.urlpatterns)
if not _has("support:award_list"):
    urlpatterns = _with_awards(urlpatterns)
if not _has("award-list"):
    urlpatterns = [path("api/v1/", include(awards_api.urlpatterns)), *urlpatterns]
