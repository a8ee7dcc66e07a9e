"""The fake kinds' models: a submission with one field of its own and its documents, for an
organization and for a person, and what an approval leaves behind."""

from django.conf import settings
from django.db import models

from innocluster.platform.reviews.models import Case, Submission, SubmissionDocument


class FakeSubmission(Submission):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="fake_submission")
    title = models.CharField("title", max_length=200, blank=True)
    # The title as the kind's on_submit saw it: what the reviewer decides on.
    title_at_submission = models.CharField(max_length=200, blank=True, editable=False)


class FakeDocument(SubmissionDocument):
    upload_folder = "fake-documents"
    application = models.ForeignKey(
        FakeSubmission, on_delete=models.CASCADE, related_name="documents"
    )


class FakePersonSubmission(Submission):
    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="fake_person_submission"
    )
    title = models.CharField("title", max_length=200, blank=True)
    title_at_submission = models.CharField(max_length=200, blank=True, editable=False)


class FakePersonDocument(SubmissionDocument):
    upload_folder = "fake-person-documents"
    application = models.ForeignKey(
        FakePersonSubmission, on_delete=models.CASCADE, related_name="documents"
    )


class FakeApproval(models.Model):
    """What approving a fake application does: one row per approved case."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="fake_approval")
    title = models.CharField(max_length=200)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self):
        return self.title
