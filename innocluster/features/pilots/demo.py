"""Demo pilot sites (and, as the app grows, pilots): written set-based with bulk_create, since
the demo has hundreds of them; the services' rules hold for what is made here (owners of the
right organization types, people who are members)."""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

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
    pilots: int = 0
    results: int = 0


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
    return PilotsReport(
        sites=len(created), pilots=build_pilots(seed=seed), results=build_results(seed=seed)
    )


# --- pilots at each step built so far (consent, agreement, running) --------------------------

SOLUTIONS = [
    ("Система поддержки решений врача по снимкам", "Точность распознавания", "percent", "95"),
    ("Датчики протечек с оповещением диспетчера", "Время реакции", "minutes", "15"),
    ("AR-экскурсии для посетителей библиотек", "Удовлетворённость посетителей", "score", "8"),
    ("Видеоаналитика заполненности автобусов", "Точность подсчёта", "percent", "90"),
    ("Умное освещение дворов", "Экономия электроэнергии", "kwh", "1200"),
    ("Робот-уборщик для школьных коридоров", "Время уборки", "hours", "2"),
]  # fmt: skip


def _participants_with_products(limit: int) -> list[tuple[int, str]]:
    from innocluster.platform.organizations.models import Organization, Product
    from innocluster.platform.status.selectors import with_active_status

    companies = with_active_status(Organization.objects.all(), kinds=("participant",))
    with_products = Product.objects.filter(organization__in=companies.values("pk"))
    rows = with_products.order_by("organization_id", "id").values_list("organization_id", "name")
    first = {}
    for organization_id, name in rows[: limit * 3]:
        first.setdefault(organization_id, name)
    return list(first.items())[:limit]


def build_pilots(*, seed: int, per_stage: int = 20) -> int:
    """Pilots awaiting consent, agreeing the plan (partly agreed) and running (the plan agreed,
    its hash on the ledger), at sites with free places; bulk-written. Returns how many."""
    from innocluster.core.calendar import add_business_days, moscow_date
    from innocluster.platform.ledger.services import ledger_append_many

    from .choices import ConsentStatus, PilotStatus
    from .models import Pilot, SiteConsent, TestPlan
    from .plan import plan_sha256

    rng = random.Random(seed + 20)
    stages = [PilotStatus.CONSENT, PilotStatus.AGREEMENT, PilotStatus.RUNNING]
    companies = _participants_with_products(per_stage * len(stages))
    sites = list(PilotSite.objects.filter(is_published=True, capacity__gte=2).values_list("pk"))
    if not companies or not sites:
        return 0
    pilots = []
    for n, (organization_id, product) in enumerate(companies):
        solution, kpi, unit, target = SOLUTIONS[n % len(SOLUTIONS)]
        pilots.append(
            Pilot(
                organization_id=organization_id, title=f"{product}: {solution.lower()}"[:300],
                what_to_test=solution, kpis=[{"name": kpi, "unit": unit, "target": target}],
                duration_weeks=rng.choice([4, 6, 8, 12]), status=stages[n % len(stages)],
            )
        )  # fmt: skip
    pilots = Pilot.objects.bulk_create(pilots, batch_size=500)
    due = add_business_days(moscow_date(), 5)
    consents, plans = [], []
    for n, pilot in enumerate(pilots):
        site_id = sites[(n * 7) % len(sites)][0]
        agreed = pilot.status != PilotStatus.CONSENT
        consents.append(
            SiteConsent(
                pilot=pilot, site_id=site_id, due=due,
                status=ConsentStatus.AGREED if agreed else ConsentStatus.PENDING,
            )
        )  # fmt: skip
        if agreed:
            start = moscow_date() + dt.timedelta(days=rng.randint(-30, 20))
            plans.append(
                TestPlan(
                    pilot=pilot, starts_on=start,
                    ends_on=start + dt.timedelta(weeks=pilot.duration_weeks), kpis=pilot.kpis,
                    site_provides="Помещение, электропитание, сопровождение сотрудника площадки",
                    confidential="Персональные данные посетителей",
                )
            )  # fmt: skip
    SiteConsent.objects.bulk_create(consents, batch_size=500)
    now = timezone.now()
    facts = []
    for plan in plans:
        plan.company_agreed_at = now
        if plan.pilot.status == PilotStatus.RUNNING:
            plan.site_agreed_at = plan.fund_agreed_at = plan.agreed_at = now
            plan.sha256 = plan_sha256(plan)
            payload = {"version": plan.version, "plan_sha256": plan.sha256}
            facts.append({"kind": "pilot.plan_agreed", "subject": f"pilot:{plan.pilot_id}",
                          "payload": payload})  # fmt: skip
    TestPlan.objects.bulk_create(plans, batch_size=500)
    ledger_append_many(facts=facts)
    return len(pilots)


# --- finished pilots with the sites' reports, published (the programme's ~640 by 2025) -------

RESULTS = 640
OPINIONS = [
    "Сотрудники площадки быстро освоили решение, посетители отметили удобство.",
    "Пользователи довольны, но просят упростить интерфейс для старшего поколения.",
    "Решение работало стабильно, жалоб от посетителей не поступало.",
    "Персонал отметил экономию времени; часть пользователей ждёт мобильную версию.",
    "Результаты неоднозначные: в часы пик решение не справлялось с нагрузкой.",
]
RECOMMENDATIONS = [
    "Добавить интеграцию с городскими информационными системами.",
    "Провести обучение персонала до начала эксплуатации.",
    "Увеличить автономность работы оборудования.",
    "",
]
VALUE_RANGES = {"percent": (0, 100), "score": (0, 10)}


def _measured(kpis, rng: random.Random) -> list[dict]:
    rows = []
    for kpi in kpis:
        low, high = VALUE_RANGES.get(kpi["unit"], (0, None))
        value = Decimal(kpi["target"]) * Decimal(f"{rng.uniform(0.8, 1.15):.3f}")
        value = max(Decimal(low), value if high is None else min(Decimal(high), value))
        rows.append({**kpi, "value": format(value.quantize(Decimal("0.1")).normalize(), "f")})
    return rows


def build_results(*, seed: int, count: int = RESULTS) -> int:
    """`count` finished pilots, each with its agreed plan, the site's report with every KPI
    measured in its unit, and its result published: both hashes on the ledger, as the
    services would put them. Bulk-written; returns how many."""
    from innocluster.core.calendar import moscow_date
    from innocluster.platform.ledger.services import ledger_append_many

    from .choices import ConsentStatus, PilotStatus
    from .models import Pilot, PilotReport, SiteConsent, TestPlan
    from .plan import plan_sha256
    from .results import report_sha256

    rng = random.Random(seed + 640)
    companies = _participants_with_products(count)
    sites = list(PilotSite.objects.filter(is_published=True).select_related("organization"))
    if not companies or not sites:
        return 0
    today, now = moscow_date(), timezone.now()
    pilots, chosen = [], []
    for n in range(count):
        organization_id, product = companies[n % len(companies)]
        solution, kpi, unit, target = SOLUTIONS[n % len(SOLUTIONS)]
        pilots.append(
            Pilot(
                organization_id=organization_id, title=f"{product}: {solution.lower()}"[:300],
                what_to_test=solution, kpis=[{"name": kpi, "unit": unit, "target": target}],
                duration_weeks=rng.choice([4, 6, 8, 12]), status=PilotStatus.PUBLISHED,
            )
        )  # fmt: skip
        chosen.append(sites[rng.randrange(len(sites))])
    pilots = Pilot.objects.bulk_create(pilots, batch_size=500)
    consents, plans = [], []
    for pilot, site in zip(pilots, chosen, strict=True):
        starts = today - dt.timedelta(days=rng.randint(60, 3 * 365))
        consents.append(
            SiteConsent(pilot=pilot, site=site, due=starts, status=ConsentStatus.AGREED)
        )
        plans.append(
            TestPlan(
                pilot=pilot, starts_on=starts,
                ends_on=starts + dt.timedelta(weeks=pilot.duration_weeks), kpis=pilot.kpis,
                site_provides="Помещение, электропитание, сопровождение сотрудника площадки",
                confidential="Персональные данные посетителей", company_agreed_at=now,
                site_agreed_at=now, fund_agreed_at=now, agreed_at=now,
            )
        )  # fmt: skip
    SiteConsent.objects.bulk_create(consents, batch_size=500)
    for plan in plans:
        plan.sha256 = plan_sha256(plan)
    TestPlan.objects.bulk_create(plans, batch_size=500)
    reports, facts = [], []
    for pilot, site, plan in zip(pilots, chosen, plans, strict=True):
        published = dt.datetime.combine(
            min(plan.ends_on + dt.timedelta(days=rng.randint(7, 40)), today),
            dt.time(12),
            tzinfo=dt.UTC,
        )
        report = PilotReport(
            pilot=pilot, organization_id=pilot.organization_id, title=pilot.title,
            category=site.category, region=site.region,
            sites_text=f"{site.name}, {site.address}", measured=_measured(pilot.kpis, rng),
            users_opinion=rng.choice(OPINIONS), recommendations=rng.choice(RECOMMENDATIONS),
            would_buy=rng.random() < 0.6, confidential="Замечания к доступу на площадку",
            is_published=True, published_at=published,
        )  # fmt: skip
        report.sha256 = report_sha256(report, plan=plan)
        reports.append(report)
        subject = f"pilot:{pilot.pk}"
        facts += [
            {"kind": "pilot.plan_agreed", "subject": subject,
             "payload": {"version": plan.version, "plan_sha256": plan.sha256}},
            {"kind": "pilot.result_published", "subject": subject,
             "payload": {"report_sha256": report.sha256}},
        ]  # fmt: skip
    PilotReport.objects.bulk_create(reports, batch_size=500)
    ledger_append_many(facts=facts)
    return len(pilots)
