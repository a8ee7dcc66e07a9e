"""The directory's hits drawn in Python (issue 18).

A page of 20 hits cost the template language, per hit, a `{% url %}`, a display lookup, two
`blocktranslate`s, loops over its products and technologies and a few dozen variable lookups:
the largest part of the search page's CPU after the search itself (`scripts/profile_page.py`).
This draws the same bytes (tests/directory compare it with the loop it replaces, in both
languages, escaping included) with plain string work, the link reversed once a page
(core/markup.py).
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from innocluster.core.markup import reverser, template_escape

register = template.Library()

TECHNOLOGIES_SHOWN = 5


@register.simple_tag
def directory_hits(result) -> str:
    """The `<li>` of each of `result`'s hits (a SearchResult), each after the whitespace the
    loop put before it (directory/includes/results.html draws the line for none)."""
    link = reverser("organizations:detail")
    words = len(result.words)
    labels = {
        "products": template_escape(gettext("Products:")),
        "trl": template_escape(gettext("technology readiness level")),
        "technologies": template_escape(gettext("Technologies")),
    }
    drawn = "".join(_hit(hit, link, words, labels) for hit in result.hits)
    return mark_safe(drawn)  # noqa: S308 - every value is escaped


def _hit(hit, link, words: int, labels: dict) -> str:
    organization = hit.organization
    snippet = (
        f'<p class="snippet">{template_escape(hit.snippet_html)}</p>' if hit.snippet_html else ""
    )
    return (
        '\n      <li class="hit">\n'
        f'        <h2><a href="{template_escape(link(organization.pk))}">'
        f"{template_escape(hit.name_html)}</a></h2>\n"
        f'        <p class="meta">{_meta(hit, words)}</p>\n'
        f"        {snippet}\n"
        f"        {_products(hit.products, labels)}\n"
        f"        {_technologies(hit.technologies, labels)}\n"
        "      </li>\n    "
    )


def _meta(hit, words: int) -> str:
    """The organization's type and region, since when, and in a partial match how many of the
    query's words it holds."""
    organization = hit.organization
    meta = (
        f"{template_escape(organization.get_org_type_display())} · "
        f"{template_escape(organization.region_name)}"
    )
    if organization.year_founded:
        since = gettext("since %(year)s") % {"year": template_escape(organization.year_founded)}
        meta += f" · {since}"
    if hit.matched_words:
        matched = gettext("%(matched)s of %(total)s words") % {
            "matched": template_escape(hit.matched_words),
            "total": template_escape(words),
        }
        meta += f' · <span class="partial">{matched}</span>'
    return meta


def _products(products: list[dict], labels: dict) -> str:
    if not products:
        return ""
    names = "; ".join(
        f'<span class="hit-product">{template_escape(product["name_html"])} '
        f'<span class="trl" title="{labels["trl"]}">TRL&nbsp;{template_escape(product["trl"])}'
        "</span></span>"
        for product in products
    )
    return f'<p class="hit-products"><span class="label">{labels["products"]}</span> {names}</p>'


def _technologies(technologies: list, labels: dict) -> str:
    if not technologies:
        return ""
    items = "".join(
        f"<li>{template_escape(term.name)}</li>" for term in technologies[:TECHNOLOGIES_SHOWN]
    )
    return f'<ul class="tags" aria-label="{labels["technologies"]}">{items}</ul>'
