"""A case's status as every review page shows it, and the reviewers' queue's rows, drawn in
Python (issue 18).

The reviewers' queue drew `reviews/includes/case_status.html` once per row: an include, two
`blocktranslate`s, a `date` filter and a dozen variable lookups each time, 13 ms of CPU for a
page of 25 rows (`scripts/profile_page.py`). This draws the same bytes (tests/reviews compare
it with that template, in both languages and every state) with plain string work: each value
escaped and localized as the template would, the same messages translated. The queue's rows
(`queue_rows`) likewise: with the badge drawn so, its 25 rows' `{% url %}`, `translate`s, `date`
filters and lookups were still half of the page's CPU.
"""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from innocluster.core.markup import formatted, reverser, template_escape

register = template.Library()


@register.simple_tag
def case_status(case) -> str:
    """The case's status badge, "overdue" when it is, and when it was decided, when it falls
    due, or how many business days its stopped clock has left."""
    html = (
        f'<span class="badge status-{template_escape(case.status)}">'
        f"{template_escape(case.get_status_display())}</span>"
    )
    # Each message outside the f-strings: makemessages does not look inside them.
    if case.is_overdue:
        overdue = gettext("overdue")
        html += f' <span class="badge overdue">{template_escape(overdue)}</span>'
    html += "\n"
    if case.decided_at:
        decided = gettext("decided on %(day)s") % {"day": template_escape(_day(case.decided_at))}
        html += f'<span class="meta">{decided}</span>'
    elif case.decision_due and case.is_open:
        due = gettext("decision due by %(due)s") % {"due": template_escape(_day(case.decision_due))}
        html += f'<span class="meta">{due}</span>'
    elif case.status == "info_requested":
        days = case.paused_days_left or 0
        text = ngettext(
            "the clock is stopped with %(days)s business day left",
            "the clock is stopped with %(days)s business days left",
            days,
        )
        html += f'<span class="meta">{text % {"days": template_escape(days)}}</span>'
    return mark_safe(html + "\n")  # noqa: S308 - every value above is escaped


def _day(value) -> str:
    """`value|date:"SHORT_DATE_FORMAT"` as a template writes it (in the current time zone)."""
    return date_filter(template_localtime(value), "SHORT_DATE_FORMAT")


@register.simple_tag
def queue_rows(cases) -> str:
    """The `<tr>` of each case of the reviewers' queue, each after the whitespace the template's
    loop put before it (reviews/queue.html)."""
    # Written out, not looped over: makemessages finds only literal messages.
    labels = {
        "INN": template_escape(gettext("INN")),
        "person": template_escape(gettext("in person")),
    }
    link, short_date = reverser("reviews:case"), get_format("SHORT_DATE_FORMAT")
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(_queue_row(case, labels, link, short_date) for case in cases)
    )


def _queue_row(case, labels: dict, link, short_date: str) -> str:
    organization = case.organization
    if organization:
        applicant = (
            f"{template_escape(organization.short_name)}<br>"
            f'<span class="meta">{labels["INN"]} {template_escape(organization.inn)}</span>'
        )
    else:
        name = template_escape(case.applicant_name)
        applicant = f'{name}<br><span class="meta">{labels["person"]}</span>'
    submitted = ""
    if case.submitted_at:
        moment = template_localtime(case.submitted_at)
        submitted = (
            f'<time datetime="{template_escape(formatted(moment, "c"))}">'
            f"{template_escape(formatted(moment, short_date))}</time>"
        )
    reviewer = (case.reviewer.full_name if case.reviewer else "") or "—"
    overdue = ' class="overdue"' if case.is_overdue else ""
    return (
        f"\n        <tr{overdue}>\n"
        f'          <td class="nowrap"><a href="{template_escape(link(case.pk))}">'
        f"{template_escape(case.number)}</a></td>\n"
        f"          <td>{applicant}</td>\n"
        f"          <td>{case_status(case)}</td>\n"
        f"          <td>{submitted}</td>\n"
        f"          <td>{template_escape(reviewer)}</td>\n"
        "        </tr>"
    )
