"""The grant application as a kind of the one review pipeline: what makes it complete, what
(re)submission fixes (the requested amount, under the yearly-cap lock), and what approval does
(fixes the award on the reviewer's accepted costs)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from innocluster.platform.reviews.kinds import ReviewKind, register

from .selectors import application_for_review
from .services.applications import CASE_KIND, check_complete, reserve_on_submit
from .services.review import award_on_approval

register(
    ReviewKind(
        code=CASE_KIND,
        label=gettext_lazy("grant application"),
        prefix="G",
        check_complete=check_complete,
        on_submit=reserve_on_submit,
        on_approve=award_on_approval,
        detail_template="support/includes/application_detail.html",
        submission_of=application_for_review,
        applicant_url=lambda case: reverse("support:application", kwargs={"pk": case.pk}),
        deadline_for=lambda case: case.grant_application.measure.review_business_days,
        one_open_per_organization=False,
    )
)
