"""The fake kinds' pages, as a new service writes them: a form, a document form, and the kit's
SubmissionPages (the template is the kit's own, reviews/submission.html)."""

from django import forms
from django.urls import include, path

from innocluster.core.forms import ServiceModelForm
from innocluster.platform.reviews.pages import SubmissionPages

from .kinds import FAKE_KIND, FAKE_PERSON_KIND
from .models import FakePersonSubmission, FakeSubmission

FIELDS = ["title", "contact_name", "contact_position", "contact_phone", "contact_email"]


class FakeForm(ServiceModelForm):
    class Meta:
        model = FakeSubmission
        fields = FIELDS


class FakePersonForm(ServiceModelForm):
    class Meta:
        model = FakePersonSubmission
        fields = FIELDS


class DocumentForm(forms.Form):
    file = forms.FileField()


class FakePages(SubmissionPages):
    kind = FAKE_KIND
    form_class = FakeForm
    document_form_class = DocumentForm


class FakePersonPages(SubmissionPages):
    kind = FAKE_PERSON_KIND
    form_class = FakePersonForm
    document_form_class = DocumentForm


fake_pages = FakePages()
fake_person_pages = FakePersonPages()

urlpatterns = [
    path("", include((fake_pages.urls("fake/applications/"), "fakekind"))),
    path("", include((fake_person_pages.urls("fake/personal/"), "fakekind_person"))),
]
