"""Vacancies: who posts them, their fields' rules, moderation, the 30 days' life, renewal,
archive, and the pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from innocluster.core.audit import AuditEvent
from innocluster.core.errors import Conflict, NotFound
from innocluster.features.jobs import selectors, services
from innocluster.features.jobs.errors import JobErrorCode as Code
from innocluster.features.jobs.models import MOSCOW, MetroStation, Vacancy, start_of_today
from innocluster.platform.notifications.models import Notification
from tests.factories import UserFactory, member_of

from .helpers import employer, make_vacancy, moderator, vacancy_values

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


class TestPosting:
    def test_a_participants_vacancy_is_published_at_once_for_30_days(self):
        vacancy, _ = make_vacancy()
        assert vacancy.status == "published"
        life = vacancy.expires_at - vacancy.published_at
        assert dt.timedelta(days=30) < life <= dt.timedelta(days=31)
        assert vacancy.expires_at.astimezone(MOSCOW).time() == dt.time()  # a Moscow midnight
        assert vacancy in selectors.vacancy_list_public()
        assert vacancy.salary_band == "150_250"
        assert AuditEvent.objects.filter(action="vacancy.created").count() == 1

    def test_a_partners_vacancy_waits_for_the_moderator(self):
        watcher = moderator()
        organization, owner = employer("partner", region="50")
        vacancy, _ = make_vacancy(organization, owner)
        assert vacancy.status == "pending"
        assert vacancy not in selectors.vacancy_list_public()
        assert Notification.objects.get(recipient=watcher).kind == "jobs.vacancy_pending"
        services.vacancy_approve(vacancy=vacancy, actor=watcher)
        vacancy.refresh_from_db()
        assert vacancy.status == "published" and vacancy.expires_at > timezone.now()
        assert vacancy in selectors.vacancy_list_public()

    def test_an_editor_posts_but_a_viewer_or_an_outsider_is_told_nothing(self):
        organization, _ = employer()
        make_vacancy(organization, member_of(organization, "editor"))
        for person in (member_of(organization, "viewer"), UserFactory()):
            with pytest.raises(NotFound):
                services.vacancy_create(organization=organization, actor=person, **vacancy_values())
        assert Vacancy.objects.count() == 1

    def test_an_organization_without_status_is_refused(self):
        organization, owner = employer(kind=None)
        with pytest.raises(ValidationError) as refused:
            make_vacancy(organization, owner)
        assert codes(refused.value) == {"organization": [Code.NO_STATUS]}
        assert Vacancy.objects.count() == 0

    def test_the_nearest_metro_station_is_found_from_the_map_point(self):
        vacancy, _ = make_vacancy()
        assert vacancy.metro.name_ru == "Калужская"
        chosen = MetroStation.objects.get(name_ru="Беляево")
        other, _ = make_vacancy(metro=chosen)
        assert other.metro == chosen
        far, _ = make_vacancy(latitude=Decimal("59.93"), longitude=Decimal("30.31"))
        assert far.metro is None  # St Petersburg: no Moscow station within 5 km

    def test_the_metro_list_is_seeded(self):
        assert MetroStation.objects.count() > 140
        assert MetroStation.objects.filter(name_ru="Технопарк", line__number="2").exists()


class TestBadInput:
    @pytest.mark.parametrize(
        ("fields", "expected"),
        [
            ({"salary_from": Decimal("300000"), "salary_to": Decimal("100000")},
             {"salary_from": [Code.SALARY_RANGE]}),
            ({"salary_from": Decimal("-1")}, {"salary_from": [Code.SALARY_NEGATIVE]}),
            ({"salary_to": Decimal("-5000"), "salary_from": None},
             {"salary_to": [Code.SALARY_NEGATIVE]}),
            ({"address": "", "work_format": "office"}, {"address": [Code.LOCATION_NEEDED]}),
        ],
    )  # fmt: skip
    def test_refused_with_its_code_and_nothing_written(self, fields, expected):
        organization, owner = employer()
        with pytest.raises(ValidationError) as refused:
            make_vacancy(organization, owner, **fields)
        assert codes(refused.value) == expected
        assert Vacancy.objects.count() == 0
        assert not AuditEvent.objects.filter(action="vacancy.created").exists()

    def test_an_edit_that_breaks_the_salary_leaves_the_vacancy_as_it_was(self):
        vacancy, owner = make_vacancy()
        with pytest.raises(ValidationError):
            services.vacancy_update(vacancy=vacancy, actor=owner, salary_from=Decimal("900000"))
        vacancy.refresh_from_db()
        assert vacancy.salary_from == Decimal("150000")

    def test_a_vacancy_of_an_organization_one_is_not_a_member_of(self):
        organization, _ = employer()
        _, stranger = employer()
        with pytest.raises(NotFound):
            services.vacancy_create(organization=organization, actor=stranger, **vacancy_values())
        vacancy, _ = make_vacancy(organization)
        with pytest.raises(NotFound):
            services.vacancy_update(vacancy=vacancy, actor=stranger, title="Чужая")
        assert Vacancy.objects.get().title == "Python-разработчик"

    def test_a_field_that_is_not_the_vacancys_is_refused(self):
        vacancy, owner = make_vacancy()
        with pytest.raises(ValidationError) as refused:
            services.vacancy_update(vacancy=vacancy, actor=owner, status="published")
        assert codes(refused.value) == {"status": ["not_editable"]}


class TestLife:
    def test_the_moderator_cannot_approve_a_vacancy_just_withdrawn(self):
        organization, owner = employer("partner", region="50")
        vacancy, _ = make_vacancy(organization, owner)
        stale = Vacancy.objects.get(pk=vacancy.pk)  # the moderator's page, read before
        services.vacancy_withdraw(vacancy=vacancy, actor=owner)
        with pytest.raises(Conflict) as conflict:
            services.vacancy_approve(vacancy=stale, actor=moderator())
        assert conflict.value.code == Code.VACANCY_STATE
        assert Vacancy.objects.get().status == "withdrawn"

    def test_a_moderator_hides_one_with_a_reason_the_employer_is_told(self):
        vacancy, owner = make_vacancy()
        with pytest.raises(ValidationError):
            services.vacancy_hide(vacancy=vacancy, actor=moderator(), reason="  ")
        services.vacancy_hide(vacancy=vacancy, actor=moderator(), reason="Дискриминация")
        vacancy.refresh_from_db()
        assert (vacancy.status, vacancy.hidden_reason) == ("hidden", "Дискриминация")
        assert vacancy not in selectors.vacancy_list_public()
        assert Notification.objects.filter(recipient=owner, kind="jobs.vacancy_hidden").exists()

    def test_only_the_funds_staff_moderate(self):
        vacancy, owner = make_vacancy()
        with pytest.raises(NotFound):
            services.vacancy_hide(vacancy=vacancy, actor=owner, reason="Нет")

    def test_expiry_archives_and_renewal_brings_back(self):
        vacancy, owner = make_vacancy()
        later = timezone.now() + dt.timedelta(days=31)
        assert services.vacancies_expire(now=later) == 1
        vacancy.refresh_from_db()
        assert (vacancy.status, vacancy.archive_reason) == ("archived", "expired")
        services.vacancy_renew(vacancy=vacancy, actor=owner)
        vacancy.refresh_from_db()
        assert vacancy.status == "published" and vacancy.expires_at > timezone.now()

    def test_a_live_vacancy_past_its_time_is_not_listed_before_the_daily_job(self):
        vacancy, _ = make_vacancy()
        Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=start_of_today())
        assert not selectors.vacancy_list_public().filter(pk=vacancy.pk).exists()

    def test_a_filled_vacancy_is_archived_and_not_renewed(self):
        vacancy, owner = make_vacancy()
        services.vacancy_fill(vacancy=vacancy, actor=owner)
        with pytest.raises(Conflict) as conflict:
            services.vacancy_renew(vacancy=vacancy, actor=owner)
        assert conflict.value.code == Code.FILLED_FOR_GOOD


class TestPages:
    def test_the_vacancy_page_and_the_employers_pages(self, client):
        vacancy, owner = make_vacancy()
        page = client.get(f"/jobs/{vacancy.pk}/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "Python-разработчик" in text and "Калужская" in text
        client.force_login(owner)
        assert client.get("/jobs/mine/").status_code == 200
        assert client.get("/jobs/new/").status_code == 200
        assert client.get(f"/jobs/{vacancy.pk}/edit/").status_code == 200
        response = client.post(f"/jobs/{vacancy.pk}/fill/")
        assert response.status_code == 302
        assert Vacancy.objects.get().status == "archived"

    def test_a_hidden_vacancy_is_a_404_for_visitors(self, client):
        vacancy, _ = make_vacancy()
        services.vacancy_hide(vacancy=vacancy, actor=moderator(), reason="Спам")
        assert client.get(f"/jobs/{vacancy.pk}/").status_code == 404

    def test_posting_through_the_form(self, client):
        organization, owner = employer()
        client.force_login(owner)
        values = vacancy_values()
        data = {
            **{k: v for k, v in values.items() if k not in ("role", "industry")},
            "organization": organization.pk,
            "role": values["role"].pk,
            "industry": values["industry"].pk,
            "salary_gross": "on",
            "paid": "on",
        }
        response = client.post("/jobs/new/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert Vacancy.objects.get().metro.name_ru == "Калужская"
        data["salary_from"] = "-10"
        response = client.post("/jobs/new/", data)
        assert response.status_code == 400
        assert Vacancy.objects.count() == 1

    def test_the_moderation_page_is_for_the_fund_only(self, client):
        organization, owner = employer("partner", region="50")
        make_vacancy(organization, owner)
        client.force_login(owner)
        assert client.get("/jobs/moderation/").status_code == 404
        client.force_login(moderator())
        page = client.get("/jobs/moderation/")
        assert page.status_code == 200 and "Python-разработчик" in page.content.decode()

    def test_the_company_page_lists_its_live_vacancies(self, client):
        vacancy, owner = make_vacancy()
        withdrawn, _ = make_vacancy(vacancy.organization, owner, title="Инженер-технолог")
        services.vacancy_withdraw(vacancy=withdrawn, actor=owner)
        text = client.get(f"/organizations/{vacancy.organization_id}/").content.decode()
        assert "Python-разработчик" in text and "Инженер-технолог" not in text


def test_the_daily_jobs_are_scheduled(db):
    from innocluster.core import schedule
    from innocluster.features.jobs import tasks

    assert {"jobs.expire_vacancies", "jobs.purge_applications"} <= {
        job.name for job in schedule.jobs()
    }
    assert tasks.expire_vacancies.enqueue().return_value == 0
    assert tasks.purge_applications.enqueue().return_value == 0
