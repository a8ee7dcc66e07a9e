"""Vacancies for the tests, made through the services."""

from decimal import Decimal

from innocluster.features.jobs import services
from innocluster.features.jobs.models import ProfessionalRole
from innocluster.platform.organizations.models import Industry
from tests.factories import OrganizationFactory, UserFactory, member_of, with_status


def seeded() -> None:
    """The metro and the professional roles the data migration seeds: a test after one that
    flushed the database (a live server's) finds them gone, so they are seeded again."""
    from importlib import import_module

    from django.apps import apps

    from innocluster.features.jobs.models import MetroStation

    if not MetroStation.objects.exists():
        import_module("innocluster.features.jobs.migrations.0002_seed_metro_and_roles").seed(
            apps, None
        )


def employer(kind="participant", role="owner", **fields):
    organization = OrganizationFactory(**fields)
    if kind:
        with_status(organization, kind)
    return organization, member_of(organization, role)


def moderator():
    return UserFactory(staff_role="reviewer")


def industry(slug="it"):
    term, _ = Industry.objects.get_or_create(
        slug=slug, defaults={"name_ru": "Информационные технологии", "name_en": "IT"}
    )
    return term


def vacancy_values(**fields) -> dict:
    seeded()
    return {
        "title": "Python-разработчик",
        "description": "Разработка сервисов платформы инновационного кластера.",
        "skills": "Python, Django, PostgreSQL",
        "role": ProfessionalRole.objects.get(slug="developer"),
        "industry": industry(),
        "employment_type": "full_time",
        "schedule": "full_day",
        "experience": "1_3",
        "salary_from": Decimal("150000"),
        "salary_to": Decimal("220000"),
        "currency": "RUB",
        "salary_gross": True,
        "work_format": "hybrid",
        "address": "Москва, ул. Бутлерова, 7",
        # beside the station Kaluzhskaya
        "latitude": Decimal("55.657500"),
        "longitude": Decimal("37.540500"),
        "district": "yuzao",
        "contact_name": "Анна Смирнова",
        "contact_email": "hr@example.ru",
        **fields,
    }


def make_vacancy(organization=None, actor=None, **fields):
    if organization is None:
        organization, actor = employer()
    actor = actor or member_of(organization, "owner")
    vacancy = services.vacancy_create(
        organization=organization, actor=actor, **vacancy_values(**fields)
    )
    return vacancy, actor
