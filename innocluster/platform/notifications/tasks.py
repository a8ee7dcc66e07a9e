from django_tasks import task

from .services import notification_email_deliver


@task()
def deliver_notification_emails(*, notification_ids: list[int]) -> int:
    """The letters of notifications just committed (see services.notification_send)."""
    return notification_email_deliver(ids=notification_ids)
