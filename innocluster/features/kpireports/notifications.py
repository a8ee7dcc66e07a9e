"""What the reporting campaign tells people, in each reader's own language."""

from django.utils.translation import gettext_lazy as _

from innocluster.platform.notifications.kinds import NotificationKind, register

OPENED = register(
    NotificationKind(
        "kpireports.opened",
        _("{organization}: the KPI report for {year} is due by {deadline}"),
        _("The fund opened the reporting campaign. The report is filled from what the platform "
          "knows: check the figures, correct them and submit."),
    )
)  # fmt: skip
REMINDER = register(
    NotificationKind(
        "kpireports.reminder",
        _("{organization}: the KPI report for {year} is due in {days} days"),
        _("File it by {deadline} (Moscow time). A participant that does not report may lose "
          "its status."),
    )
)  # fmt: skip
