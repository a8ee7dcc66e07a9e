"""Joint projects in the one directory search (platform/search/sources.py): the projects of
clusters shown to everyone, found by their name, goal and expected result."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.search import sources

from .models import Project


def _public_projects():
    return Project.objects.filter(cluster__is_public=True).select_related("cluster")


def _item(project: Project) -> sources.Item:
    return sources.Item(
        title=project.name,
        url=reverse("clusters:project", args=[project.cluster_id, project.pk]),
        meta=" · ".join([str(_("joint project")), project.cluster.name]),
        text=project.goal,
    )


def _list_url(words: str, regions: list[str]) -> str:
    return reverse("clusters:register")


sources.register(
    sources.Source(
        code="cluster_projects",
        label=_("Joint projects of clusters"),
        queryset=_public_projects,
        text="search_text",
        item=_item,
        list_url=_list_url,
    )
)
