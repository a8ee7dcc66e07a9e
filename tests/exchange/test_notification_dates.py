"""The exchange's and the marketplace's deadlines in notifications: kept as ISO text in Moscow
time, read as the reader's language writes times (an English reader never gets «18.12.2026
15:00»)."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from innocluster.core.calendar import MOSCOW, moscow_iso
from innocluster.features.exchange.models import Order
from innocluster.platform.notifications.models import Notification

from .helpers import a_supplier, an_offer, an_order

pytestmark = pytest.mark.django_db


def test_the_sealed_offers_deadline_reads_in_the_readers_language():
    deadline = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=10)
    order = an_order(offers_until=deadline)
    supplier, editor = a_supplier()
    an_offer(order, supplier, editor)
    note = Notification.objects.get(recipient=editor, kind="exchange.offer_sealed")
    assert note.context["deadline"] == moscow_iso(deadline)
    moscow = timezone.localtime(deadline, MOSCOW)
    with translation.override("ru"):
        assert moscow.strftime("%d.%m.%Y %H:%M") in note.body
    with translation.override("en"):
        english = date_format(moscow, "SHORT_DATETIME_FORMAT")
        assert english in note.body and "/" in english
        assert moscow.strftime("%d.%m.%Y") not in note.body


def test_the_order_for_you_deadline_is_iso_in_moscow_time():
    from innocluster.features.exchange import notifications
    from innocluster.features.exchange.models import SupplierInterest

    order = an_order()
    supplier, editor = a_supplier()
    interest = SupplierInterest.objects.create(organization=supplier, updated_by=editor)
    interest.categories.set([item.category for item in order.items.all()])
    notifications.order_for_you(Order.objects.get(pk=order.pk))
    note = Notification.objects.filter(recipient=editor, kind="exchange.order_for_you").get()
    assert note.context["deadline"] == moscow_iso(order.offers_until)
