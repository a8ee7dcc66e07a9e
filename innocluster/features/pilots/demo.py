"""Demo pilot sites (and, as the app grows, pilots): written set-based with bulk_create, since
the demo has hundreds of them; the services' rules hold for what is made here (owners of the
right organization types, people who are members)."""

import random
from dataclasses import dataclass
from decimal import Decimal

from innocluster.platform.organizations.choices import MemberRole
from innocluster.platform.organizations.models import Membership

from .choices import SITE_OWNER_TYPES, SiteCategory
from .models import PilotSite

STREETS = [
    "ул. Тверская", "Ленинский проспект", "ул. Профсоюзная", "Варшавское шоссе",
    "проспект Мира", "ул. Новый Арбат", "Каширское шоссе", "ул. Бутлерова",
    "Волгоградский проспект", "Щёлковское шоссе", "ул. Вавилова", "Дмитровское шоссе",
]  # fmt: skip
NAMES = {
    SiteCategory.HEALTH: ("ГБУЗ «Городская поликлиника № {n}»", "Центр соцобслуживания № {n}"),
    SiteCategory.CULTURE: ("Библиотека № {n}", "Культурный центр «Дом на {street}»"),
    SiteCategory.EDUCATION: ("ГБОУ «Школа № {n}»", "Колледж связи № {n}"),
    SiteCategory.TECHNOLOGY_PARK: ("Технопарк «Контур-{n}»", "Инновационный центр «Вектор-{n}»"),
    SiteCategory.HOUSING: ("ГБУ «Жилищник района № {n}»", "Котельная № {n}"),
    SiteCategory.TRANSPORT: ("Автобусный парк № {n}", "Электродепо «Северное-{n}»"),
    SiteCategory.OTHER: ("Парк «Дружба-{n}»", "Спортивный комплекс № {n}"),
}  # fmt: skip
TESTABLE = {
    SiteCategory.HEALTH: "Медицинские изделия, телемедицина, системы поддержки решений врача",
    SiteCategory.CULTURE: "Навигация для посетителей, AR-экскурсии, системы учёта посещений",
    SiteCategory.EDUCATION: "Образовательные платформы, робототехника, безопасность школы",
    SiteCategory.TECHNOLOGY_PARK: "Промышленные датчики, энергосбережение, роботы-доставщики",
    SiteCategory.HOUSING: "Учёт ресурсов, датчики протечек, умные счётчики",
    SiteCategory.TRANSPORT: "Диагностика подвижного состава, зарядные станции, видеоаналитика",
    SiteCategory.OTHER: "Уборка, освещение, экологический мониторинг",
}
# The categories' shares, after the programme's sites of 2022 (24 of 60 in health care…).
WEIGHTS = {
    SiteCategory.HEALTH: 24, SiteCategory.CULTURE: 12, SiteCategory.EDUCATION: 6,
    SiteCategory.TECHNOLOGY_PARK: 5, SiteCategory.HOUSING: 5, SiteCategory.TRANSPORT: 5,
    SiteCategory.OTHER: 3,
}  # fmt: skip


@dataclass
class PilotsReport:
    sites: int = 0


def _owners() -> list[tuple[int, int]]:
    """(organization, its first owner) of each organization that may run sites."""
    owners = Membership.objects.filter(
        organization__org_type__in=SITE_OWNER_TYPES, role=MemberRole.OWNER
    ).order_by("organization_id", "created_at", "id")
    first = {}
    for organization_id, user_id in owners.values_list("organization_id", "user_id"):
        first.setdefault(organization_id, user_id)
    return list(first.items())


def build(*, seed: int, sites: int = 300) -> PilotsReport:
    rng = random.Random(seed)
    owners = _owners()
    if not owners:
        return PilotsReport()
    categories, weights = list(WEIGHTS), list(WEIGHTS.values())
    rows, people = [], []
    for n in range(sites):
        organization_id, user_id = owners[n % len(owners)]
        category = rng.choices(categories, weights)[0]
        street = rng.choice(STREETS)
        name = rng.choice(NAMES[category]).format(n=rng.randint(1, 400), street=street)
        rows.append(
            PilotSite(
                organization_id=organization_id,
                category=category,
                name=name,
                description=f"{name}: площадка программы пилотного тестирования.",
                address=f"Москва, {street}, д. {rng.randint(1, 120)}",
                latitude=Decimal(f"{rng.uniform(55.57, 55.91):.6f}"),
                longitude=Decimal(f"{rng.uniform(37.37, 37.84):.6f}"),
                testable=TESTABLE[category],
                hours="пн–пт 9:00–18:00",
                access="Пропуск по списку, сопровождение сотрудником площадки",
                insurance_required=rng.random() < 0.4,
                certificates_required="Декларация соответствия" if rng.random() < 0.5 else "",
                capacity=rng.choice([1, 1, 2, 2, 3, 5]),
            )
        )
        people.append(user_id)
    created = PilotSite.objects.bulk_create(rows, batch_size=500)
    through = PilotSite.people.through
    pairs = zip(created, people, strict=True)
    links = [through(pilotsite_id=site.pk, user_id=user) for site, user in pairs]
    through.objects.bulk_create(links, batch_size=1000)
    return PilotsReport(sites=len(created))
