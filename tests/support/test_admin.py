"""Fund administrators edit measures in the admin site; nobody else gets in."""

import pytest

from innocluster.core.models import AuditEvent
from innocluster.features.support.models import Measure

from ..status.helpers import fund_admin, reviewer

pytestmark = pytest.mark.django_db

INLINES = ("cost_rules", "required_documents", "criteria", "calls")


def _form(**extra):
    data = {
        "code": "tests-measure",
        "title_ru": "Тестовая мера",
        "level": "city",
        "provider": "Фонд",
        "is_published": "on",
        "for_legal_entities": "on",
        "required_status": "participant",
        "regions": "[]",
        "org_types": "[]",
        "min_company_age_years": "0",
        "over_cap_policy": "cap",
        "review_business_days": "10",
        "advance_percent": "100",
        "yearly_tranches": "0",
    }
    for prefix in INLINES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | extra


def test_an_administrator_adds_a_measure_with_a_rule(client):
    admin = fund_admin(is_staff=True)
    client.force_login(admin)
    rule = {
        "cost_rules-TOTAL_FORMS": "1",
        "cost_rules-0-category": "equipment",
        "cost_rules-0-origin": "domestic",
        "cost_rules-0-mode": "share",
        "cost_rules-0-percent": "50",
    }
    response = client.post("/admin/support/measure/add/", _form(**rule))
    assert response.status_code == 302, response.content.decode()[:2000]
    measure = Measure.objects.get(code="tests-measure")
    assert measure.cost_rules.get().percent == 50
    assert AuditEvent.objects.filter(action="support.measure_created", actor=admin).exists()


def test_a_share_rule_without_its_percent_is_refused(client):
    client.force_login(fund_admin(is_staff=True))
    rule = {
        "cost_rules-TOTAL_FORMS": "1",
        "cost_rules-0-category": "equipment",
        "cost_rules-0-origin": "any",
        "cost_rules-0-mode": "share",
    }
    response = client.post("/admin/support/measure/add/", _form(**rule))
    assert response.status_code == 200  # the form again, with the error
    assert not Measure.objects.filter(code="tests-measure").exists()


def test_a_reviewer_cannot_edit_measures(client):
    client.force_login(reviewer(is_staff=True))
    assert client.get("/admin/support/measure/").status_code == 403
