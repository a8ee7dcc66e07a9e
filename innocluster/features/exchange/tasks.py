"""Background work of the exchange: opening the offers of an order at its deadline (files no
row names are deleted by core's daily task, as models.ORPHAN_FILES declares).

Publishing an order schedules one opening task due at its deadline (where the backend can
defer: the database and Redis ones); the daily sweep opens whatever a lost task left, and
the opening itself is idempotent, so a task run twice or late opens once."""

import datetime as dt

from django_tasks import task

from innocluster.core.schedule import daily


@task()
def open_order(order_id: int) -> bool:
    from .services.awards import order_open

    return order_open(order_id=order_id)


@task()
def open_due_orders() -> int:
    from .services import orders_open_due

    return orders_open_due()


@task()
def notify_interested(order_id: int) -> int:
    """Tell the suppliers that asked to hear of orders like a just published one; returns
    how many organizations were told."""
    from .choices import Status
    from .models import Order
    from .notifications import order_for_you

    # Still taking offers when the task runs: an order cancelled since is nobody's news.
    orders = Order.objects.select_related("organization").filter(status=Status.PUBLISHED)
    order = orders.filter(pk=order_id).first()
    return order_for_you(order) if order is not None else 0


def schedule_opening(order_id: int, at: dt.datetime) -> None:
    """Enqueue the opening of order `order_id` at `at`. A backend that cannot defer (the
    immediate one of the tests) is not given it: run now, it would find the order not due."""
    if open_order.get_backend().supports_defer:
        open_order.using(run_after=at).enqueue(order_id)


daily("exchange.open_due_orders", at=dt.time(0, 5), task=open_due_orders)
