"""The submission kit's pages: the applicant's page of one application (the form while it may
change, the documents, the steps, the timeline) and its POST endpoints. A kind's app makes one
`SubmissionPages` (a subclass naming its forms) and adds `pages.urls("status/applications/")`
to its urlpatterns; the names (`application`, `document_add`, `document`, `document_remove`,
`submit`, `resubmit`, `withdraw`) sit in the app's namespace.

Every view finds the submission through the kit's selectors (404 for anybody but the
applicant, and for documents the fund's reviewers), runs one service, and on a refusal shows
the page again with the reasons under the fields and at the top (400, or the refusal's own
status: 409 when the application is no longer a draft).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innocluster.core.errors import DomainError
from innocluster.core.files import serve_file
from innocluster.core.forms import form_status
from innocluster.core.views import call_service

from . import selectors, services
from .choices import CaseStatus
from .forms import MessageForm
from .kinds import kind_get

_PAGES: dict[str, "SubmissionPages"] = {}


class SubmissionPages:
    kind: str = ""  # the ReviewKind's code
    form_class = None  # a ModelForm of the kind's editable fields
    document_form_class = None  # a Form with `file` and what the kind's document_values reads
    template = "reviews/submission.html"
    # Where a document is read, after the application's path (kept as each kind had it).
    document_file_path = "documents/<int:document_pk>/file"
    # What the page says when the fund asks for more: what the applicant may change.
    info_requested_help = gettext_lazy(
        "Change the form or the documents below, then send the application back."
    )
    draft_ready = gettext_lazy("A draft is ready: check it, attach the documents and submit.")
    document_attached = gettext_lazy("The document is attached.")

    def __init__(self):
        _PAGES[self.kind] = self

    # --- what a kind may override -------------------------------------------------------

    def form(self, submission, data=None):
        return self.form_class(data, instance=submission)

    def document_form(self, submission, data=None, files=None):
        return self.document_form_class(data, files)

    def document_values(self, cleaned_data: dict) -> dict:
        """The document form's fields as the kind's `document_values` reads them."""
        return {name: value for name, value in cleaned_data.items() if name != "file"}

    def extra_context(self, request, submission, forms: dict) -> dict:
        return {}

    # --- the views ----------------------------------------------------------------------

    def urls(self, prefix: str) -> list:
        """`prefix` is e.g. "status/applications/"; each URL takes the case's id."""
        return [
            path(f"{prefix}<int:pk>/", self.application_view, name="application"),
            path(f"{prefix}<int:pk>/submit", self.submit_view, name="submit"),
            path(f"{prefix}<int:pk>/resubmit", self.resubmit_view, name="resubmit"),
            path(f"{prefix}<int:pk>/withdraw", self.withdraw_view, name="withdraw"),
            path(f"{prefix}<int:pk>/documents", self.document_add_view, name="document_add"),
            path(
                f"{prefix}<int:pk>/{self.document_file_path}",
                self.document_file_view,
                name="document",
            ),
            path(
                f"{prefix}<int:pk>/documents/<int:document_pk>/remove",
                self.document_remove_view,
                name="document_remove",
            ),
        ]

    @property
    def application_view(self):
        return login_required(self._application)

    @property
    def submit_view(self):
        return login_required(require_POST(self._submit))

    @property
    def resubmit_view(self):
        return login_required(require_POST(self._resubmit))

    @property
    def withdraw_view(self):
        return login_required(require_POST(self._withdraw))

    @property
    def document_add_view(self):
        return login_required(require_POST(self._document_add))

    @property
    def document_remove_view(self):
        return login_required(require_POST(self._document_remove))

    @property
    def document_file_view(self):
        return login_required(self._document_file)

    def _application(self, request, pk):
        submission = self.mine(request, pk)
        if request.method != "POST":
            return self.page(request, submission)
        form = self.form(submission, request.POST)
        if form.is_valid() and self.attempt(
            request,
            form,
            services.submission_update,
            submission=submission,
            actor=request.user,
            fields=form.cleaned_data,
        ):
            draft = submission.case.status == CaseStatus.DRAFT
            messages.success(request, _("The draft is saved.") if draft else _("Saved."))
            return self.back(submission)
        return self.page(request, submission, form=form)

    def _document_add(self, request, pk):
        submission = self.mine(request, pk)
        form = self.document_form(submission, request.POST, request.FILES)
        if form.is_valid() and self.attempt(
            request,
            form,
            services.submission_document_add,
            submission=submission,
            actor=request.user,
            upload=form.cleaned_data["file"],
            **self.document_values(form.cleaned_data),
        ):
            messages.success(request, self.document_attached)
            return self.back(submission)
        return self.page(request, submission, document_form=form)

    def _document_remove(self, request, pk, document_pk):
        submission = self.mine(request, pk)
        removed = self.attempt(
            request,
            None,
            services.submission_document_remove,
            submission=submission,
            actor=request.user,
            document_id=document_pk,
        )
        if removed:
            messages.success(request, _("The document is removed."))
        return self.back(submission)

    def _document_file(self, request, pk, document_pk):
        """A document, to the applicant and the fund's reviewers only."""
        submission = selectors.submission_get_for_anyone_entitled(
            kind=self.kind, user=request.user, pk=pk
        )
        document = selectors.submission_row_get(submission.documents.all(), document_pk)
        return serve_file(document.file, public=False, download_name=document.file_name)

    def _submit(self, request, pk):
        success = _("Submitted. The fund's decision is due by the date shown.")
        return self.step(request, pk, services.case_submit, success, done=_already_submitted)

    def _resubmit(self, request, pk):
        form = MessageForm(request.POST)
        message = form.cleaned_data["message"] if form.is_valid() else ""
        success = _("Sent back to the fund; the clock runs again.")
        return self.step(
            request, pk, services.case_resubmit, success, message_form=form, message=message
        )

    def _withdraw(self, request, pk):
        submission = self.mine(request, pk)
        reason = request.POST.get("reason", "")[:4000]
        if submission.case.status == CaseStatus.DRAFT:  # nothing went to the fund
            withdrawn = self.attempt(
                request, None, services.case_withdraw, success=_("The draft is discarded."),
                case=submission.case, actor=request.user, reason=reason,
            )  # fmt: skip
            return redirect(self.restart_url(submission)) if withdrawn else self.back(submission)
        success = _("The application is withdrawn.")
        return self.step(request, pk, services.case_withdraw, success, reason=reason)

    # --- the parts ----------------------------------------------------------------------

    def open_draft(self, request, create, *, refused_url: str, **kwargs):
        """Open a draft with the kind's `create(actor=…, **kwargs)` and go to its page.
        Refused: the reason as a message, then the application already open (a Conflict
        that names it) or `refused_url`."""
        outcome = call_service(
            request, create, success=self.draft_ready, actor=request.user, **kwargs
        )
        if outcome:
            return self.back(outcome.result)
        open_case = getattr(outcome.error, "extra", {}).get("case_id")
        if open_case:
            return redirect(f"{kind_get(self.kind).url_namespace}:application", pk=open_case)
        return redirect(refused_url)

    def mine(self, request, pk):
        return selectors.submission_get_for_member(kind=self.kind, user=request.user, pk=pk)

    def back(self, submission):
        return redirect(kind_get(self.kind).applicant_url(submission.case))

    def restart_url(self, submission) -> str:
        """Where to go after discarding a draft, and to apply again after a refusal or a
        withdrawal: by default the list of my applications."""
        return reverse("reviews:mine")

    def step(self, request, pk, service, success: str, *, message_form=None, done=None, **kw):
        """Submit, resubmit or withdraw: done, back to the page; refused for what is missing,
        the page again with every missing item at the top and under its field, and the
        applicant's message kept (400); refused for the case's state (a second tab), back to
        the page with the reason. `done(case)` says when the step was taken already."""
        submission = self.mine(request, pk)
        if done and (already := done(submission.case)):
            messages.info(request, already)
            return self.back(submission)
        form = self.form(submission, _as_data(self.form(submission), submission))
        form.is_valid()  # the fields as held, so the refusal can be put beside them
        outcome = call_service(
            request, service, form=form, success=success, case=submission.case,
            actor=request.user, **kw,
        )  # fmt: skip
        if not outcome:
            for message in _messages_of(outcome.error):
                messages.error(request, message)
            if isinstance(outcome.error, ValidationError):
                forms = {"form": form, "message_form": message_form or MessageForm()}
                return self.page(request, submission, listed=True, **forms)
        return self.back(submission)

    def attempt(self, request, form, service, **kwargs) -> bool:
        """Run `service` for a page; its refusal goes onto `form` (or into the messages
        without one), and the page answers with the refusal's status. True when it
        succeeded."""
        return bool(call_service(request, service, form=form, **kwargs))

    def page(self, request, submission, *, status=None, listed=False, **forms):
        """The applicant's page; `forms` are the ones sent back with errors (`listed`: their
        errors are listed at the top already)."""
        case = submission.case
        editable = case.status in services.EDITABLE_STATUSES
        if not editable:  # submitted meanwhile (another tab): the forms are gone, say it above
            for form in forms.values():
                for error in form.non_field_errors():
                    messages.error(request, error)
        elif not listed and any(form.errors for form in forms.values()):
            # The marked field may be a long scroll away on a phone: say so where one looks.
            messages.error(request, _("Not saved: correct what is marked below."))
        context = {
            "kind": kind_get(self.kind),
            "case": case,
            "submission": submission,
            "application": submission,
            "editable": editable,
            "may_apply": _may_apply(request.user, case),
            "form": forms.get("form") or self.form(submission),
            "document_form": forms.get("document_form") or self.document_form(submission),
            "message_form": forms.get("message_form") or MessageForm(),
            "history": selectors.case_history(case=case),
            "info_requested_help": self.info_requested_help,
            "restart_url": self.restart_url(submission),
            **self.extra_context(request, submission, forms),
        }
        return render(request, self.template, context, status=status or _status(forms))


def pages_for(kind: str) -> SubmissionPages:
    return _PAGES[kind]


def _may_apply(user, case) -> bool:
    try:
        services.require_applicant(case=case, actor=user)
    except DomainError:
        return False
    return True


def _status(forms: dict) -> int:
    """400 for bad input; a refusal's own status (409: no longer a draft) when it has one."""
    refused = [form_status(form) for form in forms.values()]
    return next((status for status in refused if status != 200), 200)


def _already_submitted(case) -> str:
    """A second click, or a second tab: say so rather than 'submitted' again."""
    if case.submitted_at is None or case.status == CaseStatus.WITHDRAWN:
        return ""
    return _("Application %(number)s was submitted already; it is %(status)s.") % {
        "number": case.number,
        "status": case.get_status_display(),
    }


def _messages_of(error) -> list[str]:
    return [error.detail] if isinstance(error, DomainError) else error.messages


def _as_data(form, submission) -> dict:
    """The form's data as the submission holds it (unchecked boxes left out, as a browser
    sends them), to show a refused submission's errors beside what was filled in."""
    data = model_to_dict(submission, fields=list(form.base_fields))
    return {name: value for name, value in data.items() if value not in (False, None)}
