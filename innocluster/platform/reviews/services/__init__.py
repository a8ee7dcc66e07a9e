"""The review pipeline's writes: the cases' steps (cases.py) and the submission kit
(submissions.py). Import from here: `from innocluster.platform.reviews import services`."""

from .cases import (  # noqa: F401
    TRANSITIONS,
    CaseStateConflict,
    case_create,
    case_decide,
    case_locked,
    case_resubmit,
    case_send_deadline_reminders,
    case_submit,
    case_take,
    case_withdraw,
    require_applicant,
    require_reviewer,
)
from .submissions import (  # noqa: F401
    EDITABLE_STATUSES,
    check_pdf,
    row_delete_with_file,
    submission_create,
    submission_document_add,
    submission_document_remove,
    submission_keep_profile,
    submission_locked,
    submission_locked_for_change,
    submission_update,
)
