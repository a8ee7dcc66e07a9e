"""What a kind of submission declares to the review pipeline: the submission kit's one class.

A kind (participant status, a support measure's grant, a cluster, a pilot…) is a subclass of
`ReviewKind` that names its submission model and overrides the hooks it needs; an instance is
registered when its app loads. The pipeline never imports feature apps: it calls what they
declared here.

    class PilotKind(ReviewKind):
        code, label, prefix = "pilots.proposal", gettext_lazy("pilot proposal"), "P"
        model = PilotProposal                       # a reviews.models.Submission
        editable_fields = ("title", *CONTACT_FIELDS)
        # its pages are pilots:application…, its detail pilots/includes/application_detail.html
        def check_complete(self, case): ...         # ValidationError listing what is missing
        def on_approve(self, case, actor): ...      # the decision's effect, same transaction

    register(PilotKind())
"""

from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from innocluster.core.phones import is_phone, validate_phone
from innocluster.platform.accounts.choices import StaffRole
from innocluster.platform.organizations.selectors import people_of

ORGANIZATION, PERSON = "organization", "person"
CONTACT_FIELDS = ("contact_name", "contact_position", "contact_phone", "contact_email")
REQUIRED_CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


class ReviewKind:
    code: str = ""  # "participation.status"
    label = ""  # gettext_lazy: "participant or partner status"
    prefix: str = ""  # of case numbers: "S" gives S-000042
    # Who applies: an organization (through its owners and editors) or a person for themself
    # (the academy, hackathons, business angels, job seekers).
    applicant: str = ORGANIZATION
    # The submission model (a reviews.models.Submission with `case` one-to-one) and the fields
    # the applicant may change while the case is a draft or the fund asked for more.
    model = None
    editable_fields: tuple[str, ...] = CONTACT_FIELDS
    # Set only when the draft is created (the measure applied to, say); never changed after.
    creation_fields: tuple[str, ...] = ()
    # Its documents' model (a reviews.models.SubmissionDocument, related name "documents").
    document_model = None
    max_documents: int = 20
    deadline_business_days: int = 10
    # False lets an applicant hold several open cases of the kind at once (one grant
    # application per patent, say); True keeps one, guarded by a unique constraint.
    one_open_per_organization: bool = True
    reviewer_roles = frozenset({StaffRole.REVIEWER, StaffRole.ADMIN})

    # --- who acts for a case ------------------------------------------------------------

    def acting_organization_ids(self, *, organization, fields: dict) -> Collection[int]:
        """The organizations whose owners and editors act for an application of
        `organization` (open the draft, fill it, submit, withdraw) and whose people read it;
        `fields` are its creation fields (the cluster applied for…). By default the applicant
        alone; a kind whose application any of several organizations may make (a cluster's
        members) widens it, and `acting_cases` with it.

        Callers only use the answer in `organization_id__in=`, so a kind may return a
        `values("organization_id")` queryset: up to 1,100 cluster members stay a subquery
        instead of a list sent back to the database."""
        return {getattr(organization, "pk", None)} - {None}

    def acting_cases(self, organization_ids) -> Q:
        """The same as a filter on the kind's cases: those `organization_ids` (a subquery of
        the caller's organizations) act for."""
        return Q(organization_id__in=organization_ids)

    def applicant_people(self, case):
        """Whom the applicant's news (submitted, decided, asked for more) goes to: every person
        of the applicant organization. A kind whose application others act for widens it."""
        return people_of(organization_id=case.organization_id)

    def case_acting_organization_ids(self, case) -> Collection[int]:
        """acting_organization_ids of a case that exists (its creation fields as stored)."""
        if type(self).acting_organization_ids is ReviewKind.acting_organization_ids:
            return {case.organization_id}  # the applicant alone: nothing else to read
        submission = self.submission_of(case)
        fields = {name: getattr(submission, name) for name in self.creation_fields}
        return self.acting_organization_ids(organization=case.organization, fields=fields)

    # --- the draft ---------------------------------------------------------------------

    def draft_values(self, *, organization, actor, fields: dict) -> dict:
        """The new draft's values before the applicant's own `fields`: the contact person is
        whoever opens it, from their profile, so nothing is typed twice. Raise
        ValidationError to refuse the draft (not eligible, wrong kind of status…)."""
        return {
            "contact_name": actor.full_name,
            "contact_position": actor.position,
            # A profile's phone nobody checked when it was typed is left for the applicant to
            # fill in, rather than refusing the draft.
            "contact_phone": actor.phone if is_phone(actor.phone) else "",
            "contact_email": actor.email,
        }

    def check_update(self, submission, fields: dict) -> None:
        """Refuse a change the form cannot see is wrong (ValidationError per field)."""

    def document_values(self, submission, values: dict) -> dict:
        """Check what describes a new document (its type, the requirement it meets) and give
        the model's values; ValidationError per field when wrong."""
        return values

    def before_document(self, submission, values: dict) -> None:
        """Called under the lock before a document is stored (replace an earlier one…)."""

    # --- the pipeline's hooks ----------------------------------------------------------

    def check_complete(self, case) -> None:
        """Raise ValidationError listing every missing item; called when the applicant submits
        or resubmits. The default asks for the contact person."""
        errors = missing_contact(self.submission_of(case))
        if errors:
            raise ValidationError(errors)

    def on_submit(self, case, actor) -> None:
        """After check_complete, under the case's and the submission's locks, on submission
        and resubmission: by default the profile the reviewer decides on is kept."""
        from .services.submissions import submission_keep_profile

        submission_keep_profile(submission=self.submission_of(case))

    def on_approve(self, case, actor) -> None:
        """Makes the approval true (grants the status, fixes the award) in the decision's
        transaction."""

    def on_reject(self, case, actor) -> None:
        pass

    # --- where it shows ----------------------------------------------------------------

    @property
    def detail_template(self) -> str:
        """The fragment that shows the submission (the form, its documents) on the case page
        and the applicant's page, with `case` and `submission`: by default
        `<app label>/includes/application_detail.html`. A class attribute overrides it."""
        if self.model is None:
            return ""
        return f"{self.model._meta.app_label}/includes/application_detail.html"

    @property
    def url_namespace(self) -> str:
        """The applicant's pages are `<url_namespace>:application` and friends
        (reviews.pages): by default the model's app label."""
        return self.model._meta.app_label if self.model is not None else ""

    # --- reading -----------------------------------------------------------------------

    def submission_queryset(self):
        """The kind's submissions with what its pages and API read (prefetch more here)."""
        return self.model.objects.select_related("case__organization", "case__person")

    def submission_of(self, case):
        """The case's submission (the one the case holds, so hooks called one after another
        share it), or None (a kind without one)."""
        if self.model is None:
            return None
        accessor = self.model._meta.get_field("case").remote_field.get_accessor_name()
        return getattr(case, accessor, None)

    def applicant_url(self, case) -> str:
        return reverse(f"{self.url_namespace}:application", kwargs={"pk": case.pk})

    def business_days_for(self, case) -> int:
        """The review deadline in business days (a support measure sets its own)."""
        return self.deadline_business_days


def missing_contact(submission) -> dict[str, list]:
    """The contact fields left empty, each under its field, and a phone nobody can call."""
    errors = {}
    for name in REQUIRED_CONTACT_FIELDS:
        if not getattr(submission, name).strip():
            label = type(submission)._meta.get_field(name).verbose_name
            errors[name] = [
                ValidationError(_("Fill in: %(field)s.") % {"field": label}, code="required")
            ]
    if "contact_phone" not in errors:
        try:
            validate_phone(submission.contact_phone)
        except ValidationError as error:
            errors["contact_phone"] = error.error_list
    return errors


_KINDS: dict[str, ReviewKind] = {}


def register(kind: ReviewKind) -> ReviewKind:
    if _KINDS.get(kind.code, kind) is not kind:
        raise ValueError(f"review kind {kind.code!r} is registered twice")
    _KINDS[kind.code] = kind
    return kind


def kind_get(code: str) -> ReviewKind:
    return _KINDS[code]


def all_kinds() -> list[ReviewKind]:
    return list(_KINDS.values())


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in _KINDS.values()]
