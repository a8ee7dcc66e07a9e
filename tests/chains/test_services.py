"""Supply links' services: the states, who may take each step, and bad input refused with a
stable code and nothing written."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from innocluster.core.errors import Conflict, NotFound
from innocluster.core.models import AuditEvent
from innocluster.features.chains import services
from innocluster.features.chains.errors import ChainErrorCode as Code
from innocluster.features.chains.models import SupplyLink
from innocluster.platform.notifications.models import Notification
from tests.factories import OrganizationFactory, ProductFactory

from .conftest import START, record

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_recording_waits_for_the_customer_audits_and_tells_it(
    customer_viewer, customer_editor, pending
):
    assert pending.state == "pending"
    assert AuditEvent.objects.filter(action="supply_link.recorded").count() == 1
    told = set(
        Notification.objects.filter(kind="supply.recorded").values_list("recipient", flat=True)
    )
    assert told == {customer_editor.pk, customer_viewer.pk}


def test_confirming_tells_the_supplier(pending, customer_editor, supplier_owner):
    link = services.supply_link_confirm(link=pending, actor=customer_editor)
    assert link.state == "confirmed" and link.answered_by == customer_editor
    assert Notification.objects.filter(kind="supply.confirmed", recipient=supplier_owner).exists()
    assert AuditEvent.objects.filter(action="supply_link.confirmed").count() == 1


def test_a_product_of_the_supplier_names_the_link(supplier, supplier_owner, customer, product):
    link = record(supplier, supplier_owner, customer, product_id=product.pk)
    assert link.product == product and link.subject == "Датчик давления"


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"customer_id": "self"}, "customer", Code.SELF_LINK),
        ({"customer_id": 987654321}, "customer", Code.UNKNOWN_ORGANIZATION),
        ({"customer_id": "x"}, "customer", Code.UNKNOWN_ORGANIZATION),
        ({"subject": "   "}, "subject", Code.SUBJECT_REQUIRED),
        ({"subject": "я" * 301}, "subject", "max_length"),
        ({"ends_on": START - datetime.timedelta(days=1)}, "ends_on", Code.PERIOD),
        ({"product_id": "other"}, "product", Code.PRODUCT_NOT_OF_SUPPLIER),
        ({"product_id": 987654321}, "product", Code.PRODUCT_NOT_OF_SUPPLIER),
        ({"product_id": "mine", "subject": "и текст"}, "subject", Code.SUBJECT_TWICE),
    ],
)
def test_bad_input_is_refused_with_its_code_and_nothing_written(
    supplier, supplier_owner, customer, product, change, field, code
):
    kwargs = {"subject": "Монтаж", "starts_on": START, "customer_id": customer.pk, **change}
    if kwargs["customer_id"] == "self":
        kwargs["customer_id"] = supplier.pk
    if kwargs.get("product_id") == "other":
        kwargs["product_id"] = ProductFactory(organization=customer).pk
        kwargs["subject"] = ""
    elif kwargs.get("product_id") == "mine":
        kwargs["product_id"] = product.pk
    elif "product_id" in kwargs:
        kwargs["subject"] = ""
    with pytest.raises(ValidationError) as caught:
        services.supply_link_record(supplier=supplier, actor=supplier_owner, **kwargs)
    assert codes(caught.value) == {field: [code]}
    assert not SupplyLink.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="supply_link").exists()
    assert not Notification.objects.exists()


def test_only_the_suppliers_owner_or_editor_records(supplier, customer, customer_editor):
    with pytest.raises(NotFound):
        record(supplier, customer_editor, customer)
    assert not SupplyLink.objects.exists()


def test_a_live_duplicate_is_a_conflict(pending, supplier, supplier_owner, customer):
    with pytest.raises(Conflict) as caught:
        record(supplier, supplier_owner, customer, subject="  монтаж   ОБОРУДОВАНИЯ ")
    assert caught.value.code == Code.DUPLICATE
    assert caught.value.extra == {"existing_supply_link": pending.pk}
    assert SupplyLink.objects.count() == 1


def test_the_database_refuses_a_duplicate_that_slips_past_the_check(
    monkeypatch, pending, supplier, supplier_owner, customer
):
    # Two requests at once: both pass the check before either writes.
    monkeypatch.setattr(services, "_refuse_duplicate", lambda link: None)
    with pytest.raises(Conflict) as caught:
        record(supplier, supplier_owner, customer)
    assert caught.value.code == Code.DUPLICATE
    assert SupplyLink.objects.count() == 1
    assert AuditEvent.objects.filter(action="supply_link.recorded").count() == 1


def test_after_a_decline_the_link_may_be_recorded_again(
    pending, customer_editor, supplier, supplier_owner, customer
):
    services.supply_link_decline(link=pending, actor=customer_editor, reason="Не поставляли")
    again = record(supplier, supplier_owner, customer)
    assert again.pk != pending.pk and again.state == "pending"


def test_a_different_product_for_the_same_pair_is_another_link(
    pending, supplier, supplier_owner, customer, product
):
    record(supplier, supplier_owner, customer, product_id=product.pk)
    assert SupplyLink.objects.count() == 2


@pytest.mark.parametrize("who", ["supplier_owner", "customer_viewer", "outsider"])
def test_only_the_customers_owner_or_editor_answers(request, pending, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(NotFound):
        services.supply_link_confirm(link=pending, actor=actor)
    with pytest.raises(NotFound):
        services.supply_link_decline(link=pending, actor=actor)
    pending.refresh_from_db()
    assert pending.state == "pending"


def test_confirming_twice_is_a_conflict(confirmed, customer_editor):
    with pytest.raises(Conflict) as caught:
        services.supply_link_confirm(link=confirmed, actor=customer_editor)
    assert caught.value.code == Code.LINK_STATE


def test_a_withdrawn_link_cannot_be_confirmed(pending, supplier_owner, customer_editor):
    services.supply_link_withdraw(link=pending, actor=supplier_owner)
    with pytest.raises(Conflict) as caught:
        services.supply_link_confirm(link=pending, actor=customer_editor)
    assert caught.value.code == Code.LINK_STATE
    pending.refresh_from_db()
    assert pending.state == "withdrawn"


def test_only_the_supplier_withdraws(pending, customer_editor):
    with pytest.raises(NotFound):
        services.supply_link_withdraw(link=pending, actor=customer_editor)


def test_either_side_ends_a_confirmed_link(confirmed, customer_editor, supplier_owner):
    link = services.supply_link_end(link=confirmed, actor=customer_editor)
    assert link.state == "ended" and link.ends_on is not None and link.ended_by == customer_editor
    assert Notification.objects.filter(kind="supply.ended", recipient=supplier_owner).exists()
    with pytest.raises(Conflict):
        services.supply_link_end(link=link, actor=supplier_owner)


def test_an_end_before_the_start_is_refused(confirmed, supplier_owner):
    with pytest.raises(ValidationError) as caught:
        services.supply_link_end(
            link=confirmed, actor=supplier_owner, ends_on=START - datetime.timedelta(days=1)
        )
    assert codes(caught.value) == {"ends_on": [Code.PERIOD]}
    confirmed.refresh_from_db()
    assert confirmed.state == "confirmed" and confirmed.ends_on is None


def test_a_pending_link_cannot_be_ended(pending, supplier_owner):
    with pytest.raises(Conflict):
        services.supply_link_end(link=pending, actor=supplier_owner)


def test_an_outsider_cannot_end(confirmed, outsider):
    with pytest.raises(NotFound):
        services.supply_link_end(link=confirmed, actor=outsider)


def test_an_over_long_reason_is_refused(pending, customer_editor):
    with pytest.raises(ValidationError) as caught:
        services.supply_link_decline(link=pending, actor=customer_editor, reason="x" * 2001)
    assert codes(caught.value) == {"reason": ["max_length"]}
    pending.refresh_from_db()
    assert pending.state == "pending"


def test_an_unknown_organization_is_not_someone_else(supplier, supplier_owner):
    OrganizationFactory()  # exists, but the id asked for does not
    with pytest.raises(ValidationError):
        services.supply_link_record(
            supplier=supplier, actor=supplier_owner, customer_id=2**70, subject="x", starts_on=START
        )
