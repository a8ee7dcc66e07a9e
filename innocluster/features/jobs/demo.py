"""Demo vacancies and internships (applications follow with their app's part): written
set-based with bulk_create, since the demo has thousands of them and the benchmark a hundred
thousand; the services' rules hold for what is made here (employers with participant or
partner status, salaries from below to, the nearest station)."""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from innocluster.platform.organizations.choices import MemberRole
from innocluster.platform.organizations.models import Industry, Membership
from innocluster.platform.status.selectors import PARTICIPANT, with_active_status

from .choices import District, EmploymentType, Experience, Schedule, VacancyStatus, WorkFormat
from .models import LIFETIME_DAYS, MetroStation, ProfessionalRole, Vacancy
from .services import salary_band

# (role slug, titles, skills, description, typical monthly salary in roubles)
JOBS = [
    ("developer", ["Python-разработчик", "Backend-разработчик (Go)", "Frontend-разработчик"],
     "Python, Django, PostgreSQL, TypeScript", "Разработка сервисов и API для клиентов", 200_000),
    ("data-scientist", ["Аналитик данных", "Специалист по машинному обучению"],
     "SQL, pandas, PyTorch", "Модели машинного обучения и отчёты для бизнеса", 180_000),
    ("devops", ["DevOps-инженер", "Системный администратор Linux"],
     "Linux, Kubernetes, Ansible", "Сопровождение инфраструктуры и CI/CD", 190_000),
    ("tester", ["Инженер по тестированию", "Тестировщик мобильных приложений"],
     "Selenium, pytest, Postman", "Ручное и автоматизированное тестирование продуктов", 120_000),
    ("engineer", ["Инженер-конструктор", "Конструктор электронных устройств"],
     "КОМПАС-3D, SolidWorks, ЕСКД", "Проектирование изделий и сопровождение производства", 140_000),
    ("technologist", ["Инженер-технолог", "Технолог аддитивного производства"],
     "3D-печать, ЧПУ, техпроцессы", "Разработка технологических процессов изготовления", 110_000),
    ("electronics", ["Инженер-электроник", "Разработчик печатных плат"],
     "Altium Designer, STM32, схемотехника", "Разработка электроники и встроенного ПО", 160_000),
    ("researcher", ["Научный сотрудник", "Инженер-исследователь"],
     "Эксперимент, статистика, публикации", "Исследования и испытания новых материалов", 100_000),
    ("lab-assistant", ["Лаборант", "Лаборант химического анализа"],
     "Пробоподготовка, ГОСТ", "Подготовка проб и работа на лабораторном оборудовании", 65_000),
    ("operator", ["Оператор станков с ЧПУ", "Наладчик станков с ЧПУ"],
     "Fanuc, Heidenhain, чтение чертежей", "Работа на обрабатывающих центрах", 95_000),
    ("product-manager", ["Менеджер продукта", "Владелец продукта"],
     "CustDev, Jira, аналитика", "Развитие продукта от гипотезы до запуска", 220_000),
    ("sales", ["Менеджер по продажам B2B", "Менеджер по работе с ключевыми клиентами"],
     "Переговоры, CRM", "Продажи технологических решений корпоративным клиентам", 90_000),
    ("marketing", ["Маркетолог", "Интернет-маркетолог"],
     "SEO, контекстная реклама", "Продвижение продуктов компании", 100_000),
    ("accountant", ["Бухгалтер", "Главный бухгалтер"], "1С, НДС, отчётность",
     "Ведение учёта и отчётности", 95_000),
]  # fmt: skip
UNIVERSITIES = [
    "МГТУ им. Н. Э. Баумана", "НИУ ВШЭ", "МФТИ", "НИТУ МИСИС", "МИФИ", "МГУ им. М. В. Ломоносова",
    "РУДН", "Московский политехнический университет", "МИЭТ", "МАИ",
]  # fmt: skip
STREETS = [
    "ул. Бутлерова", "Волгоградский проспект", "Варшавское шоссе", "ул. Тверская",
    "Ленинградский проспект", "проспект Андропова", "ул. Профсоюзная", "Каширское шоссе",
    "Рязанский проспект", "ул. Вавилова",
]  # fmt: skip


@dataclass
class JobsReport:
    vacancies: int = 0
    internships: int = 0
    companies: int = 0
    made: list = field(default_factory=list, repr=False)


def _employers(limit: int) -> list[tuple[int, str, str]]:
    """(organization, its first owner's name, its status kind) of up to `limit` participants
    and partners in good standing."""
    from innocluster.platform.organizations.models import Organization

    organizations = with_active_status(Organization.objects.all()).order_by("id")
    kinds = dict(organizations.values_list("id", "cluster_status__kind")[:limit])
    owners = Membership.objects.filter(organization_id__in=kinds, role=MemberRole.OWNER)
    first = {}
    for organization_id, name in owners.order_by("id").values_list(
        "organization_id", "user__full_name"
    ):
        first.setdefault(organization_id, name or "Отдел кадров")
    return [(pk, first[pk], kinds[pk]) for pk in kinds if pk in first]


def _salary(rng, typical: int, internship: bool):
    if internship:
        return (
            (Decimal(rng.choice([30_000, 40_000, 50_000])), None)
            if rng.random() < 0.7
            else (
                None,
                None,
            )
        )
    if rng.random() < 0.15:
        return None, None
    low = Decimal(round(typical * rng.uniform(0.7, 1.1), -3))
    high = Decimal(round(float(low) * rng.uniform(1.1, 1.6), -3)) if rng.random() < 0.7 else None
    return low, high


def build(*, seed: int, vacancies: int = 2_000, internships: int = 200, companies: int = 150):
    rng = random.Random(seed)
    employers = _employers(companies)
    if not employers:
        return JobsReport()
    roles = dict(ProfessionalRole.objects.values_list("slug", "id"))
    industries = list(Industry.objects.values_list("id", flat=True))
    stations = list(MetroStation.objects.values_list("id", "latitude", "longitude"))
    if not industries or not stations:
        return JobsReport()
    now = timezone.now()
    rows = []
    for n in range(vacancies + internships):
        internship = n >= vacancies
        organization_id, contact, kind = employers[n % len(employers)]
        slug, titles, skills, description, typical = rng.choice(JOBS)
        title = rng.choice(titles)
        station_id, lat, lng = rng.choice(stations)
        low, high = _salary(rng, typical, internship)
        work_format = rng.choices(list(WorkFormat), [6, 3, 1])[0]
        age = dt.timedelta(days=rng.uniform(0, LIFETIME_DAYS - 1))
        pending = kind != PARTICIPANT and rng.random() < 0.1
        vacancy = Vacancy(
            organization_id=organization_id,
            title=f"Стажёр: {title.lower()}" if internship else title,
            description=f"{description}. Команда компании — участника инновационного кластера.",
            duties=f"{description}; участие в планировании и разборе задач.",
            requirements=f"Знание: {skills}." if not internship else "Студент старших курсов.",
            skills=skills,
            role_id=roles.get(slug, roles["other"]),
            industry_id=rng.choice(industries),
            employment_type=EmploymentType.INTERNSHIP
            if internship
            else rng.choices(
                [
                    EmploymentType.FULL_TIME,
                    EmploymentType.PART_TIME,
                    EmploymentType.PROJECT,
                    EmploymentType.VOLUNTEERING,
                ],
                [20, 3, 3, 1],
            )[0],  # fmt: skip
            schedule=Schedule.REMOTE
            if work_format == WorkFormat.REMOTE
            else rng.choices(list(Schedule)[:3], [10, 2, 3])[0],
            experience=Experience.NONE if internship else rng.choice(list(Experience)),
            salary_from=low,
            salary_to=high,
            currency="RUB",
            salary_gross=rng.random() < 0.8,
            work_format=work_format,
            address=f"Москва, {rng.choice(STREETS)}, д. {rng.randint(1, 90)}",
            latitude=lat + Decimal(f"{rng.uniform(-0.004, 0.004):.6f}"),
            longitude=lng + Decimal(f"{rng.uniform(-0.006, 0.006):.6f}"),
            district=rng.choice(list(District)[:9]),
            metro_id=None if work_format == WorkFormat.REMOTE else station_id,
            start_date=(now + dt.timedelta(days=rng.randint(7, 60))).date(),
            contact_name=contact,
            contact_email="hr@example.ru",
            university=rng.choice(UNIVERSITIES) if internship else "",
            specialisation="Информатика и вычислительная техника" if internship else "",
            duration_weeks=rng.choice([4, 8, 12]) if internship else None,
            paid=not internship or low is not None,
            academic_credit=internship and rng.random() < 0.6,
            university_letter_required=internship and rng.random() < 0.4,
            status=VacancyStatus.PENDING if pending else VacancyStatus.PUBLISHED,
            published_at=None if pending else now - age,
            expires_at=None if pending else now - age + dt.timedelta(days=LIFETIME_DAYS),
        )
        vacancy.salary_band = salary_band(vacancy)
        rows.append(vacancy)
    made = Vacancy.objects.bulk_create(rows, batch_size=1000)
    return JobsReport(
        vacancies=vacancies,
        internships=internships,
        companies=len({v.organization_id for v in made}),
        made=made,
    )


STAGE_PATHS = {
    "new": ["new"],
    "viewed": ["new", "viewed"],
    "invited": ["new", "viewed", "invited"],
    "offer": ["new", "viewed", "invited", "offer"],
    "hired": ["new", "viewed", "invited", "offer", "hired"],
    "rejected": ["new", "viewed", "rejected"],
    "withdrawn": ["new", "withdrawn"],
}
STAGE_WEIGHTS = [40, 20, 12, 6, 5, 14, 3]


def build_applications(*, seed: int, vacancies: list, per_vacancy: int = 3) -> int:
    """Applications at every stage, with each stage's history, to a share of `vacancies`,
    from people who are no members of the employer; hires count toward each company's
    figure. Demo CVs are not files: the pages say the CV is not kept."""
    from django.db.models import Count

    from innocluster.platform.accounts.models import User

    from .models import Application, HireCount, StageChange
    from .models_applications import CONSENT_VERSION

    rng = random.Random(seed + 1)
    people = list(User.objects.filter(staff_role="").values_list("id", flat=True)[:400])
    live = [v for v in vacancies if v.status == VacancyStatus.PUBLISHED]
    if not people or not live:
        return 0
    members = set(Membership.objects.values_list("organization_id", "user_id"))
    now = timezone.now()
    rows, paths = [], []
    for vacancy in rng.sample(live, min(len(live), 600)):
        chosen = rng.sample(people, min(len(people), rng.randint(1, per_vacancy * 2 - 1)))
        for person in chosen:
            if (vacancy.organization_id, person) in members:
                continue
            stage = rng.choices(list(STAGE_PATHS), STAGE_WEIGHTS)[0]
            rows.append(
                Application(
                    vacancy=vacancy,
                    applicant_id=person,
                    letter="Здравствуйте! Прошу рассмотреть мою кандидатуру.",
                    consent_at=now,
                    consent_version=CONSENT_VERSION,
                    stage=stage,
                )
            )
            paths.append(STAGE_PATHS[stage])
    made = Application.objects.bulk_create(rows, batch_size=1000)
    StageChange.objects.bulk_create(
        (StageChange(application=a, stage=s) for a, path in zip(made, paths, strict=True)
         for s in path),
        batch_size=2000,
    )  # fmt: skip
    hired = (
        Application.objects.filter(stage="hired")
        .values("vacancy__organization_id")
        .annotate(n=Count("id"))
    )
    # Every hire so far, this run's and an earlier one's: a second run replaces the figures.
    HireCount.objects.bulk_create(
        [
            HireCount(organization_id=row["vacancy__organization_id"], hires=row["n"])
            for row in hired
        ],
        update_conflicts=True,
        unique_fields=["organization"],
        update_fields=["hires"],
    )
    return len(made)
