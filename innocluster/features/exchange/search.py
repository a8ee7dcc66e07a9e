"""Production orders in the one search (platform/search/sources.py): published ones."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.platform.search import sources

from .choices import PUBLIC_STATUSES
from .models import Order


def _queryset():
    return (
        Order.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization")
        .order_by("-published_at", "-pk")
    )


def _item(order: Order) -> sources.Item:
    return sources.Item(
        title=order.title,
        url=reverse("exchange:order", args=[order.pk]),
        meta=" · ".join([str(order.get_status_display()), order.organization.short_name]),
        text=order.description,
    )


def _list_url(words: str, regions: list[str]) -> str:
    return f"{reverse('exchange:catalogue')}?{urlencode({'q': words})}"


SOURCE = sources.Source(
    code="orders",
    label=_("Production orders"),
    queryset=_queryset,
    text="search_text",
    item=_item,
    list_url=_list_url,
)
sources.register(SOURCE)
