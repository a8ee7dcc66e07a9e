"""Applications: apply with a checked PDF or the profile CV and consent (152-FZ), once; no
application to a closed vacancy; the employer sees its own vacancies' applications only and
moves them through the stages; the applicant follows, withdraws, deletes the CV; a hire
counts; the daily deletion of old applications."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from innocluster.core.errors import Conflict, NotFound
from innocluster.features.jobs import applications as services
from innocluster.features.jobs import selectors
from innocluster.features.jobs import services as vacancy_services
from innocluster.features.jobs.errors import JobErrorCode as Code
from innocluster.features.jobs.models import (
    Application,
    ProfileCv,
    StageChange,
    Vacancy,
    start_of_today,
)
from innocluster.platform.notifications.models import Notification
from tests.factories import UserFactory
from tests.pdfs import pdf_file

from .helpers import employer, make_vacancy, moderator

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def apply(vacancy, person=None, **fields):
    person = person or UserFactory()
    values = {"consent": True, "letter": "Хочу у вас работать.", "cv": pdf_file("cv.pdf")}
    return services.application_submit(vacancy=vacancy, applicant=person, **(values | fields))


@pytest.fixture
def vacancy(db):
    return make_vacancy()[0]


def owner_of(vacancy):
    return vacancy.organization.memberships.get(role="owner").user


class TestApplying:
    def test_apply_with_a_pdf_and_consent(self, vacancy):
        application = apply(vacancy)
        assert application.stage == "new" and application.cv_name == "cv.pdf"
        assert application.consent_at and application.consent_version
        assert StageChange.objects.get(application=application).stage == "new"
        assert Notification.objects.filter(kind="jobs.application_new").count() == 1

    def test_applying_twice_is_one_application(self, vacancy):
        person = UserFactory()
        first = apply(vacancy, person)
        second = apply(vacancy, person, letter="Ещё раз")
        assert first.pk == second.pk and Application.objects.count() == 1
        assert Application.objects.get().letter == "Хочу у вас работать."

    def test_the_database_keeps_one_application_per_person(self, vacancy):
        from django.db import IntegrityError, transaction

        application = apply(vacancy)
        with pytest.raises(IntegrityError), transaction.atomic():
            Application.objects.create(
                vacancy=vacancy,
                applicant=application.applicant,
                consent_at=timezone.now(),
                consent_version="x",
            )

    def test_no_consent_no_application(self, vacancy):
        with pytest.raises(ValidationError) as refused:
            apply(vacancy, consent=False)
        assert codes(refused.value) == {"consent": [Code.CONSENT_REQUIRED]}
        assert Application.objects.count() == 0

    def test_a_non_pdf_cv_is_refused(self, vacancy):
        fake = SimpleUploadedFile("cv.pdf", b"<html>not a pdf</html>", "application/pdf")
        with pytest.raises(ValidationError) as refused:
            apply(vacancy, cv=fake)
        assert "cv" in refused.value.error_dict
        assert Application.objects.count() == 0

    def test_no_cv_is_refused_and_the_profile_cv_serves(self, vacancy):
        person = UserFactory()
        with pytest.raises(ValidationError) as refused:
            apply(vacancy, person, cv=None)
        assert codes(refused.value) == {"cv": [Code.CV_REQUIRED]}
        services.profile_cv_set(user=person, upload=pdf_file("Резюме.pdf"))
        application = apply(vacancy, person, cv=None, use_profile_cv=True)
        assert application.cv_name == "Резюме.pdf" and application.cv

    @pytest.mark.parametrize("close", ["withdraw", "fill", "hide", "expire"])
    def test_a_closed_vacancy_takes_no_application(self, vacancy, close):
        owner = owner_of(vacancy)
        if close == "hide":
            vacancy_services.vacancy_hide(vacancy=vacancy, actor=moderator(), reason="Спам")
        elif close == "expire":
            Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=start_of_today())
        else:
            getattr(vacancy_services, f"vacancy_{close}")(vacancy=vacancy, actor=owner)
        with pytest.raises(Conflict) as conflict:
            apply(vacancy)
        assert conflict.value.code == Code.VACANCY_CLOSED
        assert Application.objects.count() == 0

    def test_expiry_while_applying_the_lock_decides(self, vacancy):
        # the applicant's page read the vacancy while it was live; the daily job archived it
        stale = Vacancy.objects.get(pk=vacancy.pk)
        vacancy_services.vacancies_expire(now=timezone.now() + dt.timedelta(days=31))
        with pytest.raises(Conflict):
            apply(stale)
        assert Application.objects.count() == 0

    def test_an_internship_asks_for_the_university_letter(self):
        internship, _ = make_vacancy(
            employment_type="internship", university_letter_required=True, university="МФТИ"
        )
        with pytest.raises(ValidationError) as refused:
            apply(internship)
        assert codes(refused.value) == {"university_letter": [Code.UNIVERSITY_LETTER_REQUIRED]}
        application = apply(internship, university_letter=pdf_file("letter.pdf"))
        assert application.university_letter


def stored_files(settings) -> list:
    """Every file under the media root (CVs, letters), whatever its name."""
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


class TestNothingHalfWritten:
    """A step after the files are written fails: the transaction rolls back, and no file is
    left on disk without its row (personal data nobody could find to delete)."""

    @pytest.mark.parametrize(
        "step", ["audit_record", "tell_employer_of_application", "StageChange"]
    )
    def test_a_failing_later_step_leaves_no_file_and_no_row(
        self, vacancy, settings, monkeypatch, step
    ):
        def broken(*args, **kwargs):
            raise RuntimeError("a later step failed")

        if step == "StageChange":
            monkeypatch.setattr(services.StageChange.objects, "create", broken)
        else:
            monkeypatch.setattr(services, step, broken)
        before = stored_files(settings)
        internship, _ = make_vacancy(employment_type="internship", university_letter_required=True)
        with pytest.raises(RuntimeError):
            apply(internship, university_letter=pdf_file("letter.pdf"))
        with pytest.raises(RuntimeError):
            apply(vacancy)
        assert not Application.objects.exists() and not StageChange.objects.exists()
        assert stored_files(settings) == before

    def test_the_profile_cv_applied_with_is_copied_only_if_the_row_is_saved(
        self, vacancy, settings, monkeypatch
    ):
        person = UserFactory()
        services.profile_cv_set(user=person, upload=pdf_file("Резюме.pdf"))
        before = stored_files(settings)
        monkeypatch.setattr(services, "audit_record", lambda **kwargs: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            apply(vacancy, person, cv=None, use_profile_cv=True)
        assert stored_files(settings) == before and not Application.objects.exists()

    def test_a_failing_profile_cv_save_leaves_no_file(self, settings, monkeypatch):
        person = UserFactory()
        monkeypatch.setattr(ProfileCv, "save", lambda self, *a, **k: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            services.profile_cv_set(user=person, upload=pdf_file())
        assert stored_files(settings) == [] and not ProfileCv.objects.exists()

    def test_the_daily_job_deletes_files_no_row_names_a_day_on(self, vacancy, settings):
        import os

        from tests.orphans import swept

        kept = apply(vacancy)
        profile = services.profile_cv_set(user=UserFactory(), upload=pdf_file())
        orphan = Path(settings.MEDIA_ROOT) / "jobs/cv/orphan.pdf"  # a process died mid-way
        orphan.write_bytes(b"%PDF-1.4")
        assert swept("jobs") == 0  # too new: a transaction may be open
        day_ago = (timezone.now() - dt.timedelta(days=2)).timestamp()
        for path in (orphan, Path(kept.cv.path), Path(profile.file.path)):
            os.utime(path, (day_ago, day_ago))
        assert swept("jobs") == 1
        assert stored_files(settings) == sorted([Path(kept.cv.path), Path(profile.file.path)])

    def test_applying_again_at_once_leaves_one_row_and_its_files(self, vacancy, settings):
        person = UserFactory()
        first = apply(vacancy, person)
        assert apply(vacancy, person).pk == first.pk
        assert stored_files(settings) == [Path(first.cv.path)]


class TestEmployer:
    def test_the_stages_and_the_hire_counts(self, vacancy):
        owner = owner_of(vacancy)
        application = apply(vacancy)
        services.application_view(application=application, actor=owner)
        services.application_invite(application=application, actor=owner, message="Во вторник")
        services.application_offer(application=application, actor=owner)
        services.application_hire(application=application, actor=owner)
        application.refresh_from_db()
        assert application.stage == "hired"
        stages = [c.stage for c in application.changes.all()]
        assert stages == ["new", "viewed", "invited", "offer", "hired"]
        assert selectors.hires_of(organization=vacancy.organization) == 1
        kinds = set(Notification.objects.filter(recipient=application.applicant).values_list(
            "kind", flat=True))  # fmt: skip
        assert kinds == {"jobs.application_invited", "jobs.application_offer",
                         "jobs.application_hired"}  # fmt: skip

    def test_a_move_not_in_the_table_is_a_conflict(self, vacancy):
        owner = owner_of(vacancy)
        application = apply(vacancy)
        with pytest.raises(Conflict) as conflict:
            services.application_hire(application=application, actor=owner)
        assert conflict.value.code == Code.STAGE_CHANGED
        services.application_reject(application=application, actor=owner, message="Увы")
        with pytest.raises(Conflict):
            services.application_invite(application=application, actor=owner)
        assert Application.objects.get().stage == "rejected"
        assert selectors.hires_of(organization=vacancy.organization) == 0

    def test_another_companys_applications_are_a_404(self, vacancy, client):
        application = apply(vacancy)
        _, stranger = employer()
        with pytest.raises(Http404):
            selectors.application_get_for_employer(user=stranger, pk=application.pk)
        with pytest.raises(Http404):
            selectors.application_list_for_vacancy(user=stranger, vacancy_pk=vacancy.pk)
        with pytest.raises(NotFound):
            services.application_view(application=application, actor=stranger)
        client.force_login(stranger)
        assert client.get(f"/jobs/{vacancy.pk}/applications/").status_code == 404
        assert client.get(f"/jobs/applications/{application.pk}/").status_code == 404
        assert client.get(f"/jobs/applications/{application.pk}/cv/").status_code == 404
        assert Application.objects.get().stage == "new"

    def test_the_employers_pages(self, vacancy, client):
        application = apply(vacancy)
        client.force_login(owner_of(vacancy))
        page = client.get(f"/jobs/{vacancy.pk}/applications/")
        assert page.status_code == 200
        assert client.get(f"/jobs/applications/{application.pk}/").status_code == 200
        cv = client.get(f"/jobs/applications/{application.pk}/cv/")
        assert cv.status_code == 200 and cv["Cache-Control"] == "private, no-store"
        moved = client.post(f"/jobs/applications/{application.pk}/invite/", {"message": "Ждём"})
        assert moved.status_code == 302
        assert Application.objects.get().stage == "invited"


class TestEmployersList:
    """The employer's list pages its keys first (selectors.application_rows): each page shows
    its own rows, newest first, in as many queries as the first."""

    def test_pages_of_the_html_list_and_the_api(self, vacancy, client, api_as):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        now = timezone.now()
        people = UserFactory.create_batch(51)
        Application.objects.bulk_create(
            Application(
                vacancy=vacancy,
                applicant=person,
                consent_at=now,
                consent_version="2026-12",
                cv_name=f"cv{n}.pdf",
            )
            for n, person in enumerate(people)
        )
        for n, application in enumerate(Application.objects.order_by("pk")):
            Application.objects.filter(pk=application.pk).update(
                created_at=now - dt.timedelta(minutes=n)
            )
        newest_first = [p.full_name for p in people]
        client.force_login(owner_of(vacancy))
        url = f"/jobs/{vacancy.pk}/applications/"
        client.get(url)
        shown, queries = [], []
        for number in (1, 2):
            with CaptureQueriesContext(connection) as captured:
                page = client.get(url, {"page": number}).context["page"]
            shown.append([a.applicant.full_name for a in page])
            queries.append(len(captured))
        assert shown == [newest_first[:50], newest_first[50:]]
        assert queries[0] == queries[1]
        api = api_as(owner_of(vacancy))
        last = api.get(f"/api/v1/vacancies/{vacancy.pk}/applications/", {"page": 3}).json()
        assert last["count"] == 51
        assert [row["applicant"]["full_name"] for row in last["results"]] == newest_first[40:]


class TestApplicant:
    def test_the_applicant_follows_withdraws_and_the_cv_goes(
        self, vacancy, client, django_capture_on_commit_callbacks
    ):
        person = UserFactory()
        application = apply(vacancy, person)
        stored = application.cv.name
        client.force_login(person)
        assert "Python-разработчик" in client.get("/jobs/applications/mine/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            services.application_withdraw(application=application, actor=person)
        application.refresh_from_db()
        assert application.stage == "withdrawn" and not application.cv
        assert not application.cv.storage.exists(stored)

    def test_someone_elses_application_cannot_be_withdrawn(self, vacancy):
        application = apply(vacancy)
        with pytest.raises(NotFound):
            services.application_withdraw(application=application, actor=UserFactory())

    def test_the_profile_cv_is_deleted(self, django_capture_on_commit_callbacks):
        person = UserFactory()
        stored = services.profile_cv_set(user=person, upload=pdf_file())
        name = stored.file.name
        with django_capture_on_commit_callbacks(execute=True):
            services.profile_cv_delete(user=person)
        assert not ProfileCv.objects.exists()
        assert not stored.file.storage.exists(name)

    def test_applying_through_the_page(self, vacancy, client):
        person = UserFactory()
        client.force_login(person)
        assert client.get(f"/jobs/{vacancy.pk}/apply/").status_code == 200
        refused = client.post(f"/jobs/{vacancy.pk}/apply/", {"cv": pdf_file(), "letter": "Я"})
        assert refused.status_code == 400 and Application.objects.count() == 0
        sent = client.post(f"/jobs/{vacancy.pk}/apply/", {"cv": pdf_file(), "consent": "on"})
        assert sent.status_code == 302 and Application.objects.count() == 1


class TestDailyDeletion:
    def test_applications_of_long_closed_vacancies_are_deleted(
        self, vacancy, django_capture_on_commit_callbacks
    ):
        application = apply(vacancy)
        name = application.cv.name
        vacancy_services.vacancy_fill(vacancy=vacancy, actor=owner_of(vacancy))
        assert services.applications_purge() == 0  # kept for RETENTION_DAYS
        later = timezone.now() + dt.timedelta(days=services.RETENTION_DAYS + 1)
        with django_capture_on_commit_callbacks(execute=True):
            assert services.applications_purge(now=later) == 1
        assert not Application.objects.exists()
        assert not application.cv.storage.exists(name)

    def test_the_scheduled_job_deletes_cvs_and_letters_no_row_names(self, vacancy):
        from tests.orphans import aged, exists, stray, swept

        kept = apply(vacancy)
        lost_cv, lost_letter = stray("jobs/cv/lost.pdf"), stray("jobs/letters/lost.pdf")
        young = stray("jobs/letters/in-flight.pdf")
        aged(kept.cv.name, lost_cv, lost_letter)
        assert swept("jobs") == 2
        assert not exists(lost_cv) and not exists(lost_letter)
        assert exists(kept.cv.name) and exists(young)
