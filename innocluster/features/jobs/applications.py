"""Writes of applications: apply, the employer's moves (one service per move of
choices.STAGE_TRANSITIONS, each under the application's row lock), the applicant's
withdrawal, the profile CV, and the daily deletion of old applications' personal data."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.errors import Conflict
from innocluster.core.files import files_deleted_on_rollback, pdf_name
from innocluster.core.uploads import validate_pdf

from .choices import STAGE_TRANSITIONS, Stage, VacancyStatus
from .errors import JobErrorCode
from .models import Application, HireCount, ProfileCv, StageChange, Vacancy
from .models_applications import CONSENT_VERSION
from .notify import tell_applicant, tell_employer_of_application
from .permissions import require_employer
from .services import refused

register_actions(
    {
        "application.submitted": gettext_lazy("applied to a vacancy"),
        "application.moved": pgettext_lazy("job application", "moved an application"),
        "application.withdrawn": pgettext_lazy("job application", "withdrew an application"),
    }
)

# How long after its vacancy closed an application (and its CV) is kept: long enough to answer
# a question about the hiring, no longer (152-FZ: personal data kept no longer than needed).
RETENTION_DAYS = 90
MESSAGE_MAX = StageChange._meta.get_field("message").max_length


def _checked_pdf(upload, field: str):
    try:
        validate_pdf(upload, max_bytes=settings.DOCUMENT_MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({field: error}) from None
    return upload


def _check_open(vacancy: Vacancy) -> None:
    if not vacancy.is_live:
        message = _("This vacancy is closed: applications are no longer accepted.")
        raise Conflict(message, code=JobErrorCode.VACANCY_CLOSED)


def application_submit(
    *,
    vacancy: Vacancy,
    applicant,
    consent: bool,
    letter: str = "",
    cv=None,
    use_profile_cv: bool = False,
    university_letter=None,
) -> Application:
    """Apply to a live vacancy, once: applying again returns the first application
    unchanged. The person consents to the processing of their personal data (152-FZ; the
    moment and the text's version are kept). The CV is a PDF checked as every upload, or the
    one in their profile; an internship that asks for a letter from the university gets one.

    The vacancy is read under its row lock: an expiry, archive or withdrawal either comes first
    (and the application is refused) or waits for it."""
    existing = Application.objects.filter(vacancy=vacancy, applicant=applicant).first()
    if existing is not None:
        return existing
    if not consent:
        message = _("Agree to the processing of your personal data to apply.")
        raise refused("consent", message, JobErrorCode.CONSENT_REQUIRED)
    letter = (letter or "").strip()
    if len(letter) > Application._meta.get_field("letter").max_length:
        raise refused("letter", _("The letter is too long."), "max_length")
    source = _cv_source(applicant, cv, use_profile_cv)
    if university_letter is not None:
        _checked_pdf(university_letter, "university_letter")
    try:
        with files_deleted_on_rollback() as written, transaction.atomic():
            return _submit(vacancy, applicant, letter, source, university_letter, written)
    except IntegrityError:  # the same person's other request came first
        return Application.objects.get(vacancy=vacancy, applicant=applicant)


def _cv_source(applicant, cv, use_profile_cv: bool):
    if cv is not None:
        return _checked_pdf(cv, "cv")
    if use_profile_cv:
        stored = ProfileCv.objects.filter(user=applicant).first()
        if stored is not None:
            return stored
    message = _("Attach your CV as a PDF, or apply with the CV in your profile.")
    raise refused("cv", message, JobErrorCode.CV_REQUIRED)


def _submit(vacancy, applicant, letter, source, university_letter, written) -> Application:
    vacancy = Vacancy.objects.select_for_update().select_related("organization").get(pk=vacancy.pk)
    _check_open(vacancy)
    if vacancy.is_internship and vacancy.university_letter_required and not university_letter:
        message = _("This internship asks for a letter from your university (PDF).")
        raise refused("university_letter", message, JobErrorCode.UNIVERSITY_LETTER_REQUIRED)
    application = Application(
        vacancy=vacancy,
        applicant=applicant,
        letter=letter,
        consent_at=timezone.now(),
        consent_version=CONSENT_VERSION,
    )
    if isinstance(source, ProfileCv):
        application.cv_name = source.name
        with source.file.open("rb") as stored:
            written.save(application.cv, "cv.pdf", stored)
    else:
        application.cv_name = pdf_name(source.name)[:200]
        written.save(application.cv, "cv.pdf", source)
    if university_letter is not None:
        written.save(application.university_letter, "letter.pdf", university_letter)
    application.save()
    StageChange.objects.create(application=application, stage=Stage.NEW)
    audit_record(
        actor=applicant,
        action="application.submitted",
        target=application,
        organization=vacancy.organization,
        changes={"vacancy": vacancy.pk},
    )
    tell_employer_of_application(application)
    return application


def _move(application: Application, actor, move: str, message: str) -> Application:
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise refused("message", _("The message is too long."), "max_length")
    locked = Application.objects.select_for_update().select_related("vacancy__organization")
    application = locked.get(pk=application.pk)
    sources, target = STAGE_TRANSITIONS[move]
    if application.stage not in sources:
        text = _("The application is now «%(stage)s»: this cannot be done.") % {
            "stage": application.get_stage_display()
        }
        raise Conflict(text, code=JobErrorCode.STAGE_CHANGED)
    before = application.stage
    application.stage = target
    application.stage_changed_at = timezone.now()
    application.save(update_fields=["stage", "stage_changed_at"])
    StageChange.objects.create(application=application, stage=target, message=message)
    audit_record(
        actor=actor,
        action="application.moved" if move != "withdraw" else "application.withdrawn",
        target=application,
        organization=application.vacancy.organization,
        changes={"stage": {"from": before, "to": target}},
    )
    return application


def _employer_move(move: str):
    @transaction.atomic
    def service(*, application: Application, actor, message: str = "") -> Application:
        require_employer(user=actor, organization=application.vacancy.organization)
        moved = _move(application, actor, move, message)
        if move == "hire":
            _count_hire(moved.vacancy.organization_id)
        if move != "view":
            tell_applicant(moved, message)
        return moved

    service.__name__ = f"application_{move}"
    service.__doc__ = (
        f"The employer's move «{move}» (choices.STAGE_TRANSITIONS), under the application's "
        "row lock; the applicant is told, with the optional message."
    )
    return service


application_view = _employer_move("view")
application_invite = _employer_move("invite")
application_offer = _employer_move("offer")
application_hire = _employer_move("hire")
application_reject = _employer_move("reject")


def _count_hire(organization_id: int) -> None:
    """The company's jobs figure: +1, by the database (two hires at once both count)."""
    HireCount.objects.get_or_create(organization_id=organization_id)
    HireCount.objects.filter(organization_id=organization_id).update(hires=F("hires") + 1)


@transaction.atomic
def application_withdraw(*, application: Application, actor) -> Application:
    """The applicant takes their application back; its CV and letter are deleted at once
    (the employer needs them no more)."""
    if application.applicant_id != actor.pk:
        from innocluster.core.errors import NotFound

        raise NotFound(_("Not found."))
    application = _move(application, actor, "withdraw", "")
    _forget_files(application)
    return application


def _forget_files(application: Application) -> None:
    files = [f for f in (application.cv, application.university_letter) if f]
    names = [(f.storage, f.name) for f in files]
    application.cv = application.university_letter = ""
    application.save(update_fields=["cv", "university_letter"])
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def profile_cv_set(*, user, upload) -> ProfileCv:
    """Keep a CV (a checked PDF) in the person's job profile, replacing the one there (the old
    file goes when this commits; the new one, if it does not)."""
    _checked_pdf(upload, "cv")
    with files_deleted_on_rollback() as written, transaction.atomic():
        return _store_profile_cv(user, upload, written)


def _store_profile_cv(user, upload, written) -> ProfileCv:
    stored, _created = ProfileCv.objects.select_for_update().get_or_create(
        user=user, defaults={"name": ""}
    )
    old = stored.file.name if stored.file else ""
    stored.name = pdf_name(upload.name)[:200]
    written.save(stored.file, "cv.pdf", upload)
    stored.save()
    if old:
        storage = stored.file.storage
        transaction.on_commit(lambda: storage.delete(old))
    return stored


@transaction.atomic
def profile_cv_delete(*, user) -> None:
    """Delete the person's profile CV (what they sent with applications stays with those until
    they withdraw them or the daily job deletes them)."""
    stored = ProfileCv.objects.select_for_update().filter(user=user).first()
    if stored is None:
        return
    storage, name = stored.file.storage, stored.file.name
    stored.delete()
    transaction.on_commit(lambda: storage.delete(name))


def applications_purge(*, now=None) -> int:
    """The daily job: delete the applications (with their CVs and letters) of vacancies closed
    (archived, withdrawn or hidden) more than RETENTION_DAYS ago. Returns how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=RETENTION_DAYS)
    closed = Vacancy.objects.filter(
        Q(status__in=[VacancyStatus.ARCHIVED, VacancyStatus.WITHDRAWN], archived_at__lt=cutoff)
        | Q(status=VacancyStatus.HIDDEN, updated_at__lt=cutoff)
    )
    old = Application.objects.filter(vacancy__in=closed)
    deleted = 0
    for application in old.iterator():
        with transaction.atomic():
            _forget_files(application)
            application.delete()
            deleted += 1
    return deleted
