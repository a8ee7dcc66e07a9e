"""Hostile text on the IP register (issue 17): an over-long description is a 400 `max_length`,
a title with an invisible or control character a 400 `invisible_character`; nothing is
registered and nothing goes on the ledger."""

import pytest

from innocluster.features.ipregistry.models import IPObject
from innocluster.platform.ledger.selectors import ledger_size

from .test_api import URL, body

pytestmark = pytest.mark.django_db


def test_an_over_long_description_is_refused(api_as, organization, owner):
    size = ledger_size()
    response = api_as(owner).post(URL, body(organization, description="я" * 10_001), format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"description": ["max_length"]}
    assert not IPObject.objects.exists() and ledger_size() == size


@pytest.mark.parametrize("bad", ["Способ \u202eexe.pdf", "Способ\u200b", "Способ\x1b[2J"])
def test_a_title_with_an_invisible_character_is_refused(api_as, organization, owner, bad):
    size = ledger_size()
    response = api_as(owner).post(URL, body(organization, title=bad), format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"title": ["invisible_character"]}
    assert not IPObject.objects.exists() and ledger_size() == size


def test_the_model_refuses_a_rightholder_named_with_a_bidi_override():
    from django.core.exceptions import ValidationError

    from innocluster.features.ipregistry.models import Rightholder

    field = Rightholder._meta.get_field("name")
    with pytest.raises(ValidationError) as refused:
        field.run_validators("ООО \u202eКвант")
    assert refused.value.error_list[0].code == "invisible_character"


def test_more_rightholders_than_the_limit_are_refused_before_any_is_looked_up(
    api_as, organization, owner, django_assert_max_num_queries
):
    size = ledger_size()
    many = [{"name": f"Автор {n}", "share": "0.01", "organization": 1} for n in range(5_000)]
    client = api_as(owner)
    with django_assert_max_num_queries(20):  # not one per row
        response = client.post(URL, body(organization, rightholders=many), format="json")
    assert response.status_code == 400
    assert response.json()["error_codes"] == {"rightholders": ["max_length"]}
    assert not IPObject.objects.exists() and ledger_size() == size
