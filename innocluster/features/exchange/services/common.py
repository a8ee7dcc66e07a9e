from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from innocluster.core.audit import register_actions
from innocluster.platform.ledger.kinds import register_kind, register_subject

from ..choices import PUBLIC_STATUSES
from ..models import Order

register_actions(
    {
        "exchange.order_created": gettext_lazy("created a production order"),
        "exchange.order_updated": gettext_lazy("changed a production order"),
        "exchange.order_published": gettext_lazy("published a production order"),
        "exchange.file_added": gettext_lazy("attached a file to a production order"),
        "exchange.offer_submitted": gettext_lazy("submitted an offer on a production order"),
        "exchange.offer_changed": gettext_lazy("changed an offer on a production order"),
        "exchange.offer_withdrawn": gettext_lazy("withdrew an offer on a production order"),
        "exchange.awarded": gettext_lazy("awarded a production order"),
        "exchange.cancelled": gettext_lazy("cancelled a production order"),
        "exchange.nda_accepted": gettext_lazy(
            "accepted the non-disclosure terms of a production order"
        ),
        "exchange.question_answered": gettext_lazy("answered a question on a production order"),
        "exchange.interest_set": gettext_lazy("chose the production orders to hear of"),
        "exchange.contract_recorded": gettext_lazy("recorded the contract of a production order"),
        "exchange.delivered": gettext_lazy("confirmed the delivery of a production order"),
        "exchange.rated": gettext_lazy("rated the other side of a production order"),
    }
)
register_kind("exchange.offer_sealed", gettext_lazy("sealed offer on a production order"))
register_kind("exchange.offer_withdrawn", gettext_lazy("offer on a production order withdrawn"))
register_kind("exchange.order_opened", gettext_lazy("offers on a production order opened"))
register_kind("exchange.order_awarded", gettext_lazy("production order awarded"))
register_subject(
    "exchange_order",
    gettext_lazy("production order"),
    url_name="exchange:order",
    objects=Order.objects.filter(status__in=PUBLIC_STATUSES),
    name_fields=("title",),
)


def refuse(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def locked(order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def subject(order) -> str:
    return f"exchange_order:{order.pk}"


# The ledger subject of every sealed offer's hash, whatever its order: entries under the
# order's own subject would tell anyone, before the opening, how many offers it has and how
# often they changed. The hash covers the order's id, so it is checked against the order
# once the offers are opened.
SEALED_OFFERS_SUBJECT = "exchange_offers:sealed"
