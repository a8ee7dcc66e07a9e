"""The register's rows drawn in Python (issue 18; status/templatetags/register_tags.py): the
very bytes the template's loop drew, in both languages, names escaped as it escaped them."""

import datetime as dt

import pytest
from django.utils import translation

from innocluster.platform.status.models import Status
from tests.drawn import both_ways
from tests.factories import OrganizationFactory, with_status

pytestmark = pytest.mark.django_db

# The loop the tag replaces (participation/includes/register_results.html), as it was.
LOOP = (
    "{% for entry in page %}\n"
    "      <tr>\n"
    "        <td><a href=\"{% url 'participation:entry' entry.register_number %}\">{{ entry.registe"
    "r_number }}</a></td>\n"
    "        <td><a href=\"{% url 'organizations:detail' entry.organization_id %}\">{{ entry.organi"
    'zation.short_name }}</a><br><span class="meta">{% translate "INN" %} {{ entry.organization.i'
    "nn }} · {{ entry.organization.get_org_type_display }}</span></td>\n"
    "        <td data-label=\"{% translate 'Status' %}\">{{ entry.get_kind_display|capfirst }}{% if"
    ' entry.state != "active" %} <span class="badge status-{{ entry.state }}">{{ entry.get_state_'
    "display }}</span>{% endif %}</td>\n"
    "        <td data-label=\"{% translate 'Region' %}\">"
    "{{ entry.organization.region_name }}</td>\n"
    "        <td data-label=\"{% translate 'Since' %}\">"
    "<time datetime=\"{{ entry.granted_on|date:'Y-m-d' }}\">"
    '{{ entry.granted_on|date:"SHORT_DATE_FORMAT" }}</time></td>\n'
    "      </tr>{% endfor %}"
)


@pytest.fixture
def entries():
    with_status(OrganizationFactory(region="77", org_type="it_company"), "participant")
    odd = OrganizationFactory(
        region="50", org_type="university", short_name='<b>«Рога & копыта»</b> "ООО"'
    )
    with_status(odd, "partner")
    suspended = with_status(OrganizationFactory(region="78", org_type="startup"), "participant")
    Status.objects.filter(organization=suspended).update(
        state="suspended", granted_on=dt.date(2024, 12, 31)
    )
    return list(Status.objects.select_related("organization").order_by("pk"))


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_rows_are_what_the_loop_drew(entries, language):
    before, after = both_ways(
        "{% load i18n %}" + LOOP,
        "{% load register_tags %}{% register_rows page %}",
        {"page": entries},
        language,
    )
    assert after == before
    assert "&lt;b&gt;«Рога &amp; копыта»&lt;/b&gt; &quot;ООО&quot;" in after


def test_the_register_page_shows_its_rows(client, entries):
    page = client.get("/en/register/").content.decode()
    assert all(entry.register_number in page for entry in entries)
    assert '<span class="badge status-suspended">' in page


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_link_reversed_once_is_what_reverse_gives(language):
    from django.urls import reverse

    from innocluster.core.markup import reverser

    with translation.override(language):
        entry, organization = reverser("participation:entry"), reverser("organizations:detail")
        for number in ["IC-0000001", "IC 7", "№5 «Ёж»", "a%b&c", "x?y#z"]:
            assert entry(number) == reverse("participation:entry", args=[number])
        for pk in [1, 1234567]:
            assert organization(pk) == reverse("organizations:detail", args=[pk])
