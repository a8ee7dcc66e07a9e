"""Demo data for facilities: parks, labs and coworkings across Moscow, with rooms, desk pools
and machines, some bookings, capacity offers and children's classes.

Call after the organizations' demo data (`demo_data` command):

    from innocluster.features.facilities import demo
    report = demo.build(count=40, seed=1, first_organization=report.first_organization)

Everything goes through the services, so the demo keeps every rule the platform keeps (no
double booking, ages 7–18, opening hours). Operators are the owners of the operating
organizations; the first facility is run by `first_organization`, so the tour's operator
account (operator@, its owner) sees a schedule with requests to approve. The data is a
function of the seed and of today's date (bookings lie in the coming weeks, and the rooms and
desks have the past year's behind them, made with the clock set back: core.democlock).
"""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from innocluster.core.calendar import moscow_date
from innocluster.core.democlock import clock_at
from innocluster.core.errors import DomainError
from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.models import Membership, Organization

from . import services
from .choices import BookingMode
from .models import Resource
from .timeutil import at_moscow

# name, kind, address, latitude, longitude
PLACES = (
    ("Технополис «Москва»", "technology_park", "Волгоградский пр-т, 42", "55.7069", "37.7230"),
    ("Технопарк «Строгино»", "technology_park", "ул. Исаковского, 6", "55.8039", "37.4029"),
    ("Технопарк «Калибр»", "technology_park", "ул. Годовикова, 9", "55.8069", "37.6331"),
    (
        "ОЭЗ «Технополис Москва», Зеленоград",
        "special_economic_zone",
        "Зеленоград, ул. Конструктора Гуськова, 1",
        "55.9833",
        "37.2051",
    ),
    ("Коворкинг «Точка кипения»", "coworking", "ул. Ильинка, 4", "55.7553", "37.6253"),
    ("Коворкинг на Лесной", "coworking", "ул. Лесная, 5", "55.7781", "37.5903"),
    (
        "Центр коллективного пользования «Наноматериалы»",
        "research_centre",
        "Ленинский пр-т, 4",
        "55.7275",
        "37.6079",
    ),
    (
        "Испытательная лаборатория «Мосэлектротест»",
        "certification_lab",
        "ул. Электрозаводская, 21",
        "55.7860",
        "37.7074",
    ),
    ("Лаборатория аддитивных технологий", "laboratory", "ул. Бауманская, 5", "55.7664", "37.6840"),
    (
        "Центр прототипирования «Фабрика»",
        "prototyping_centre",
        "ул. Сущёвская, 19",
        "55.7868",
        "37.6035",
    ),
    ("Детский технопарк «Кванториум»", "youth_centre", "ул. Шаболовка, 26", "55.7205", "37.6092"),
    (
        "Центр молодёжного инновационного творчества",
        "youth_centre",
        "ул. Ткацкая, 1",
        "55.7814",
        "37.7232",
    ),
    ("Пилотная площадка «Умный двор»", "pilot_site", "ул. Профсоюзная, 16", "55.6848", "37.5677"),
)
MACHINES = (
    ("Фрезерный станок с ЧПУ", "DMG Mori CMX 600 V", "Рабочая зона 600×560×510 мм, 12 000 об/мин"),
    ("Токарный станок с ЧПУ", "Haas ST-10", "Диаметр обработки до 356 мм"),
    ("3D-принтер SLA", "Formlabs Form 3L", "Область печати 335×200×300 мм"),
    ("Лазерный гравёр", "Trotec Speedy 400", "Поле 1000×610 мм, CO2 120 Вт"),
    ("Координатно-измерительная машина", "Zeiss Contura", "Точность 1,8 мкм"),
    ("Электронный микроскоп", "Hitachi TM4000Plus", "Увеличение до 100 000×"),
)


# Demo text is data, in Russian whatever the catalogue holds.
SUBJECTS_RU = {
    "robotics": "Робототехника",
    "programming": "Программирование",
    "electronics": "Электроника",
    "3d_modelling": "3D-моделирование и печать",
    "engineering": "Инженерное конструирование",
    "chemistry": "Химия",
    "biology": "Биология",
    "physics": "Физика",
    "drones": "Беспилотники",
    "ai": "Искусственный интеллект",
}
CAPABILITIES_RU = {
    "milling": "фрезеровка",
    "turning": "токарная обработка",
    "3d_printing": "3D-печать",
    "laser_cutting": "лазерная резка",
    "waterjet": "гидроабразивная резка",
    "sheet_metal": "листовой металл",
    "welding": "сварка",
    "casting": "литьё",
    "injection_moulding": "литьё под давлением",
    "pcb": "печатные платы",
    "instrument_making": "приборостроение",
    "testing": "испытания и измерения",
}
KINDS_RU = {
    "technology_park": "Технопарк",
    "special_economic_zone": "Особая экономическая зона",
    "coworking": "Коворкинг",
    "research_centre": "Исследовательский центр",
    "certification_lab": "Испытательная лаборатория",
    "laboratory": "Лаборатория",
    "prototyping_centre": "Центр прототипирования",
    "youth_centre": "Центр молодёжного творчества",
    "pilot_site": "Пилотная площадка",
}


PAST_PURPOSES = ("Совещание с заказчиком", "Обучение сотрудников", "Демонстрация", "Хакатон")


@dataclass
class FacilitiesDemoReport:
    facilities: int = 0
    resources: int = 0
    bookings: int = 0
    past_bookings: int = 0
    offers: int = 0
    classes: int = 0
    enrolments: int = 0


def build(
    *, count: int = 40, seed: int = 1, first_organization: Organization | None = None
) -> FacilitiesDemoReport:
    """Add `count` facilities (more than the named places get numbered branches)."""
    rng = random.Random(seed)
    report = FacilitiesDemoReport()
    owners = _owners(rng, count, first_organization)
    people = list(User.objects.filter(is_staff=False).order_by("pk")[:400])
    last_before = Resource.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for index, (organization, owner) in enumerate(owners):
        with transaction.atomic():
            _one_facility(rng, index, organization, owner, people, report)
    made = Resource.objects.filter(pk__gt=last_before)  # this run's, not an earlier run's
    # One transaction around the bookings: what waits for the commit (the notices' tasks) runs
    # after it, at today's time, not inside a booking's clock.
    with transaction.atomic():
        rng = random.Random(f"past-bookings-{seed}")
        report.past_bookings = _past_bookings(rng, made, people)
    return report


def _past_bookings(rng, resources, people, *, per_resource: int = 6) -> int:
    """The past year's bookings of the rooms and desks that confirm at once, each made a few
    days ahead of its day with the clock at that moment (core.democlock), through the service
    and its rules (opening hours, no double booking), as people made them."""
    if not people:
        return 0
    today = moscow_date()
    resources = resources.bookable().filter(booking_mode=BookingMode.INSTANT).order_by("pk")
    made = 0
    for resource in resources:
        for _ in range(per_resource):
            day = today - dt.timedelta(days=rng.randint(7, 365))
            start = rng.randint(9, 17)
            booked_on = day - dt.timedelta(days=rng.randint(1, 10))
            try:
                with clock_at(at_moscow(booked_on, dt.time(10))), transaction.atomic():
                    made += len(
                        services.booking_create(
                            resource=resource,
                            user=rng.choice(people),
                            purpose=rng.choice(PAST_PURPOSES),
                            starts_at=at_moscow(day, dt.time(start)),
                            ends_at=at_moscow(day, dt.time(start + 2)),
                        )
                    )
            except (ValidationError, DomainError):
                continue  # a closed day or a taken slot: the engine said no, as it should
    return made


def _owners(rng, count, first_organization) -> list[tuple[Organization, User]]:
    memberships = list(
        Membership.objects.filter(role="owner")
        .select_related("organization", "user")
        .order_by("organization_id")[: count * 5]
    )
    rng.shuffle(memberships)
    chosen, seen = [], set()
    if first_organization is not None:
        first = next(
            (
                m
                for m in Membership.objects.filter(
                    organization=first_organization, role="owner"
                ).select_related("user")
            ),
            None,
        )
        if first:
            chosen.append((first_organization, first.user))
            seen.add(first_organization.pk)
    for membership in memberships:
        if len(chosen) >= count:
            break
        if membership.organization_id not in seen:
            seen.add(membership.organization_id)
            chosen.append((membership.organization, membership.user))
    return chosen


def _one_facility(rng, index, organization, owner, people, report) -> None:
    name, kind, address, lat, lng = PLACES[index % len(PLACES)]
    if index >= len(PLACES):
        name = f"{name}, площадка {index // len(PLACES) + 1}"
        lat = str(Decimal(lat) + Decimal(rng.randint(-300, 300)) / 10_000)
        lng = str(Decimal(lng) + Decimal(rng.randint(-500, 500)) / 10_000)
    weekend = kind in ("coworking", "youth_centre")
    hours = {d: (dt.time(9), dt.time(21)) for d in range(7 if weekend else 5)}
    facility = services.facility_create(
        organization=organization,
        actor=owner,
        hours=hours,
        kind=kind,
        name=name,
        address=f"Москва, {address}",
        latitude=Decimal(lat),
        longitude=Decimal(lng),
        description_ru=f"{KINDS_RU[kind]}: площадка инновационного кластера Москвы.",
        phone="+7 495 000-00-00",
        email="info@example.ru",
    )
    report.facilities += 1
    resources = _resources(rng, facility, owner, kind)
    report.resources += len(resources)
    for resource in resources:
        report.bookings += _bookings(rng, resource, people)
    machines = [r for r in resources if r.kind == "equipment"]
    if machines:  # a maintenance day, after the demo bookings' three weeks
        day = moscow_date() + dt.timedelta(days=25)
        services.blackout_create(
            facility=facility,
            actor=owner,
            resource=machines[0],
            reason="Плановое обслуживание",
            starts_at=at_moscow(day, dt.time()),
            ends_at=at_moscow(day, dt.time(23, 59)),
        )
    if kind in ("laboratory", "prototyping_centre", "technology_park", "research_centre"):
        _offer(rng, facility, owner, people)
        report.offers += 1
    if kind in ("youth_centre", "technology_park"):
        report.classes += 1
        report.enrolments += _course(rng, facility, owner, people)


def _resources(rng, facility, owner, kind) -> list:
    made = [
        services.resource_create(
            facility=facility,
            actor=owner,
            kind="room",
            name="Конференц-зал",
            seats=60,
            price_unit="hour",
            price=Decimal(rng.choice([1500, 2500, 4000])),
            vat_rate="22",
            min_minutes=60,
            max_minutes=480,
        )
    ]
    if kind in ("coworking", "technology_park", "special_economic_zone"):
        made.append(
            services.resource_create(
                facility=facility,
                actor=owner,
                kind="desk_pool",
                name="Открытое пространство",
                capacity=rng.choice([10, 20, 40]),
                price_unit="day",
                price=Decimal(900),
                vat_rate="22",
                min_minutes=60,
                max_minutes=720,
            )
        )
    if kind not in ("coworking", "pilot_site"):
        for title, model, specs in rng.sample(MACHINES, 2):
            made.append(
                services.resource_create(
                    facility=facility,
                    actor=owner,
                    kind="equipment",
                    name=title,
                    equipment_model=model,
                    specifications=specs,
                    booking_mode="approval",
                    qualification="Инструктаж по технике безопасности",
                    price_unit="hour",
                    price=Decimal(rng.choice([800, 1200, 3000])),
                    vat_rate="22",
                    max_minutes=480,
                )
            )
    return made


def _bookings(rng, resource, people) -> int:
    made = 0
    for _ in range(rng.randint(1, 4)):
        if not people:
            break
        day = moscow_date() + dt.timedelta(days=rng.randint(1, 20))
        start = rng.randint(9, 17)
        try:
            made += len(
                services.booking_create(
                    resource=resource,
                    user=rng.choice(people),
                    purpose="Демонстрация",
                    starts_at=at_moscow(day, dt.time(start)),
                    ends_at=at_moscow(day, dt.time(start + 2)),
                )
            )
        except (ValidationError, DomainError):
            continue  # a closed day or a taken slot: the engine said no, as it should
    return made


def _offer(rng, facility, owner, people) -> None:
    capabilities = rng.sample(sorted(CAPABILITIES_RU), 3)
    offer = services.offer_create(
        organization=facility.organization,
        actor=owner,
        facility=facility,
        kind=rng.choice(["equipment", "production", "space"]),
        title=f"Свободные мощности: {', '.join(CAPABILITIES_RU[c] for c in capabilities)}",
        capabilities=capabilities,
        address=facility.address,
        available_from=moscow_date(),
        terms="Почасовая оплата, материал заказчика.",
    )
    for person in rng.sample(people, min(len(people), 2)):
        if person.memberships.filter(organization=facility.organization).exists():
            continue
        asked = services.capacity_request_create(
            offer=offer, requester=person, message="Нужна партия из 50 корпусов, чертежи есть."
        )
        if rng.random() < 0.5:
            services.capacity_request_decide(
                capacity_request=asked, actor=owner, accept=True, response="Готовы, пришлите ТЗ."
            )


def _course(rng, facility, owner, people) -> int:
    subject = rng.choice(sorted(SUBJECTS_RU))
    low = rng.randint(7, 12)
    start = moscow_date() + dt.timedelta(days=rng.randint(7, 30))
    course = services.course_create(
        facility=facility,
        actor=owner,
        seats=rng.choice([8, 12, 15]),
        title=f"{SUBJECTS_RU[subject]} для {low}–{low + 4} лет",
        subject=subject,
        age_min=low,
        age_max=low + 4,
        schedule="Вторник и четверг, 16:00–17:30",
        starts_on=start,
        ends_on=start + dt.timedelta(days=120),
    )
    enrolled = 0
    for n, parent in enumerate(rng.sample(people, min(len(people), rng.randint(3, 18)))):
        birth = start.replace(year=start.year - low - 1) - dt.timedelta(days=n)
        try:
            services.enrolment_create(
                course=course,
                parent=parent,
                child_name=f"Ребёнок {n + 1}",
                child_birth_date=birth,
                guardian_consent=True,
            )
            enrolled += 1
        except (ValidationError, DomainError):
            continue
    return enrolled
