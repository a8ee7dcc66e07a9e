"""The directory's hits drawn in Python (issue 18; directory/templatetags/directory_tags.py
`directory_hits`): the very bytes the template's loop drew, in both languages, for hits with
and without a year, a partial match, a snippet, products and technologies (more than five),
names escaped and highlights kept."""

import pytest
from django.utils.safestring import mark_safe

from innocluster.features.directory.selectors import Hit, SearchResult
from innocluster.platform.organizations.models import Organization, Technology
from tests.drawn import both_ways

# The loop the tag replaces (directory/includes/results.html), as it was, without its line for
# no hit (the template still draws that).
LOOP = (
    "{% for hit in result.hits %}{% with o=hit.organization %}\n"
    '      <li class="hit">\n'
    "        <h2><a href=\"{% url 'organizations:detail' o.pk %}\">{{ hit.name_html }}</a></h2>\n"
    '        <p class="meta">{{ o.get_org_type_display }} · {{ o.region_name }}{% if o.year_fou'
    "nded %} · {% blocktranslate with year=o.year_founded %}since {{ year }}{% endblocktransl"
    'ate %}{% endif %}{% if hit.matched_words %} · <span class="partial">{% blocktranslate wi'
    "th matched=hit.matched_words total=result.words|length %}{{ matched }} of {{ total }} wo"
    "rds{% endblocktranslate %}</span>{% endif %}</p>\n"
    '        {% if hit.snippet_html %}<p class="snippet">{{ hit.snippet_html }}</p>{% endif %}\n'
    '        {% if hit.products %}<p class="hit-products"><span class="label">{% translate "Pro'
    'ducts:" %}</span> {% for p in hit.products %}<span class="hit-product">{{ p.name_html }} '
    '<span class="trl" title="{% translate \'technology readiness level\' %}">TRL&nbsp;{{ p.t'
    "rl }}</span></span>{% if not forloop.last %}; {% endif %}{% endfor %}</p>{% endif %}\n"
    '        {% with technologies=hit.technologies %}{% if technologies %}<ul class="tags" ari'
    'a-label="{% translate \'Technologies\' %}">{% for t in technologies|slice:":5" %}<li>{{ '
    "t.name }}</li>{% endfor %}</ul>{% endif %}{% endwith %}\n"
    "      </li>\n"
    "    {% endwith %}{% endfor %}"
)


def hits() -> list[Hit]:
    odd = Organization(pk=7, short_name='<b>«Рога & копыта»</b>', org_type="it_company",
                       region="77", year_founded=2015)  # fmt: skip
    plain = Organization(pk=1234567, short_name="ООО Тест", org_type="", region="50")
    terms = [Technology(name_ru=f"Технология <{i}>", name_en=f"Tech & {i}") for i in range(7)]
    products = [
        {"id": 1, "name": "Робот", "name_html": mark_safe("<mark>Робот</mark> &amp; Ко"), "trl": 7},
        {"id": 2, "name": "Датчик", "name_html": "Датчик <2>", "trl": 1000},
    ]
    return [
        Hit(organization=odd, name_html=mark_safe("<mark>Рога</mark> &amp; копыта"),
            snippet_html=mark_safe("… <mark>робот</mark> …"), products=products, rank=1.0,
            technologies=terms, matched_words=2),
        Hit(organization=plain, name_html="ООО <Тест>", snippet_html="", products=[], rank=None,
            technologies=terms[:1]),
        Hit(organization=plain, name_html="", snippet_html="", products=products[1:], rank=None),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_hits_are_what_the_loop_drew(language):
    result = SearchResult(filterset=None, hits=hits(), words=["робот", "датчик", "и"])
    before, after = both_ways(
        "{% load i18n %}" + LOOP,
        "{% load directory_tags %}{% directory_hits result %}",
        {"result": result},
        language,
    )
    assert after == before
    assert "<mark>Рога</mark> &amp; копыта" in after
    assert after.count("<li>") == 5 + 1  # five of seven technologies, then one
