"""Public clusters in the one search (platform/search/sources.py); the catalogue's box matches
the same words (filters.ClusterFilterSet), so "all N" on the search page lists the same N."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.search import sources

from . import selectors
from .models import Cluster


def _list_url(words: str, regions: list[str]) -> str:
    # Clusters have no region: the words alone.
    return f"{reverse('clusters:list')}?{urlencode({'q': words})}"


def _item(cluster: Cluster) -> sources.Item:
    return sources.Item(
        title=cluster.name,
        url=reverse("clusters:detail", args=[cluster.pk]),
        meta=" · ".join([str(cluster.get_status_display()), cluster.lead_organization.short_name]),
        text=cluster.description or cluster.aims,
    )


SOURCE = sources.Source(
    code="clusters",
    label=_("Clusters"),
    queryset=selectors.cluster_list_public,
    text="search_text",
    item=_item,
    list_url=_list_url,
)
sources.register(SOURCE)

# The clusters' joint projects, registered right after the clusters so that the directory
# shows the two sections side by side.
from . import search_projects  # noqa: E402, F401
