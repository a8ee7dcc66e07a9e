"""What a kind of submission declares to the review pipeline.

A feature app (participant status, support measures, clusters…) registers its kind when it is
loaded; the pipeline never imports feature apps, it calls what they declared here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from innocluster.platform.accounts.choices import StaffRole


def _nothing(case, actor) -> None:
    return None


@dataclass(frozen=True)
class ReviewKind:
    code: str  # "participation.status"
    label: str  # gettext_lazy: "participant or partner status"
    prefix: str  # of case numbers: "S" gives S-000042
    # Raises ValidationError listing every missing item; called when the applicant submits
    # or resubmits.
    check_complete: Callable
    # Called after check_complete when the applicant submits or resubmits, under the case's
    # lock, with (case, actor): e.g. to keep a copy of the profile the reviewer decides on.
    on_submit: Callable = _nothing
    # Makes the approval true (grants the status, fixes the award) in the decision's
    # transaction; called with (case, actor).
    on_approve: Callable = _nothing
    on_reject: Callable = _nothing
    # A template fragment that shows the submission (the form, its documents) on the case page;
    # it gets `case` and `submission` (what `submission_of(case)` returns).
    detail_template: str = ""
    submission_of: Callable = lambda case: None  # noqa: E731
    # Where the applicant follows the case (a path of ours).
    applicant_url: Callable = lambda case: ""  # noqa: E731
    deadline_business_days: int = 10
    # A case-specific deadline (a support measure sets its own); overrides the one above.
    deadline_for: Callable | None = None
    # False lets an organization hold several open cases of the kind at once (one grant
    # application per patent, say); True keeps one, guarded by a unique constraint.
    one_open_per_organization: bool = True
    reviewer_roles: frozenset = field(
        default_factory=lambda: frozenset({StaffRole.REVIEWER, StaffRole.ADMIN})
    )

    def business_days_for(self, case) -> int:
        return self.deadline_for(case) if self.deadline_for else self.deadline_business_days


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
