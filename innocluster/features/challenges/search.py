"""City challenges in the one search (platform/search/sources.py): every challenge is public."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.search import sources

from .models import Challenge


def _queryset():
    return Challenge.objects.select_related("organization").order_by("-submissions_until", "-pk")


def _item(challenge: Challenge) -> sources.Item:
    return sources.Item(
        title=challenge.title,
        url=reverse("challenges:detail", args=[challenge.pk]),
        meta=" · ".join([str(challenge.get_stage_display()), challenge.organization.short_name]),
        text=challenge.problem,
    )


def _list_url(words: str, regions: list[str]) -> str:
    return f"{reverse('challenges:catalogue')}?{urlencode({'q': words})}"


SOURCE = sources.Source(
    code="challenges",
    label=_("City challenges"),
    queryset=_queryset,
    text="search_text",
    item=_item,
    list_url=_list_url,
)
sources.register(SOURCE)
