"""The fake kinds, as a new service declares itself to the submission kit: its model, its
editable fields, check_complete and the decision's effect; everything else is the kit's."""

from django.core.exceptions import ValidationError

from innocluster.platform.reviews.errors import ReviewErrorCode
from innocluster.platform.reviews.kinds import (
    CONTACT_FIELDS,
    PERSON,
    ReviewKind,
    missing_contact,
    register,
)

from .models import (
    FakeApproval,
    FakeDocument,
    FakePersonDocument,
    FakePersonSubmission,
    FakeSubmission,
)

FAKE_KIND = "fakekind.fake"
FAKE_PERSON_KIND = "fakekind.person"


class FakeKind(ReviewKind):
    code = FAKE_KIND
    label = "fake application"
    prefix = "F"
    model = FakeSubmission
    document_model = FakeDocument
    editable_fields = ("title", *CONTACT_FIELDS)
    detail_template = "fakekind/detail.html"
    url_namespace = "fakekind"  # its pages: tests/reviews/fakekind/urls.py

    def check_complete(self, case):
        """The title, the contact person and at least one document."""
        submission = self.submission_of(case)
        errors = missing_contact(submission)
        if not submission.title.strip():
            errors["title"] = [ValidationError("Give the title.", code="required")]
        if not submission.documents.exists():
            missing = ValidationError("Attach a document.", code=ReviewErrorCode.MISSING_DOCUMENT)
            errors["documents"] = [missing]
        if errors:
            raise ValidationError(errors)

    def on_submit(self, case, actor):
        super().on_submit(case, actor)  # the kit keeps the organization's profile
        submission = self.submission_of(case)
        submission.title_at_submission = submission.title
        submission.save(update_fields=["title_at_submission", "updated_at"])

    def on_approve(self, case, actor):
        submission = self.submission_of(case)
        FakeApproval.objects.create(case=case, title=submission.title, approved_by=actor)


class FakePersonKind(FakeKind):
    """The same application made by a person for themself (as the academy's applicants)."""

    code = FAKE_PERSON_KIND
    label = "fake personal application"
    prefix = "FP"
    applicant = PERSON
    model = FakePersonSubmission
    document_model = FakePersonDocument
    url_namespace = "fakekind_person"


register(FakeKind())
register(FakePersonKind())
