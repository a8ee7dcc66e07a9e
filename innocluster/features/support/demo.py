"""Demo support measures: this year's application windows for the seeded catalogue and a few
grant applications in the reviewers' queue, made through the services."""

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from innocluster.core.calendar import moscow_date
from innocluster.platform.organizations.models import Membership, Organization
from innocluster.platform.reviews import services as reviews
from innocluster.platform.status.demo import demo_pdf
from innocluster.platform.status.selectors import with_active_status

from .eligibility import eligibility
from .models import Call, Measure
from .services import applications as services

COSTS = {
    "equipment": ["Токарный станок с ЧПУ", "Лазерный 3D-принтер по металлу",
                  "Координатно-измерительная машина"],
    "leasing": ["Лизинг фрезерного обрабатывающего центра"],
    "loan_interest": ["Проценты по кредиту на новый цех"],
    "patent_ru": ["Патент на полезную модель", "Патент на изобретение"],
    "patent_foreign": ["Европейский патент"],
    "pilot_test": ["Тестирование на площадке ГБУЗ"],
    "pilot_logistics": ["Доставка оборудования на площадку"],
    "pilot_insurance": ["Страхование ответственности на время теста"],
    "pilot_certification": ["Сертификация медицинского изделия"],
    "pilot_consumables": ["Датчики и расходные материалы"],
    "pilot_labour": ["Работа инженеров на площадке"],
    "pilot_repair": ["Ремонт и обслуживание стенда"],
    "pilot_rent": ["Аренда серверного оборудования"],
    "investment": ["Инвестиция в стартап из реестра"],
    "real_estate": ["Подключение цеха к электросетям"],
    "ip_rights": ["Лицензия на технологию"],
    "software": ["Лицензии САПР"],
    "salaries": ["Зарплаты инженеров нового участка"],
}  # fmt: skip


@dataclass
class SupportReport:
    calls: int = 0
    applications: int = 0


def build(*, seed: int, applications: int = 8, keep_free=()) -> SupportReport:
    """Open calls and submit `applications` of other organizations than those in `keep_free`
    (the tour's participant applies itself, to any measure)."""
    rng = random.Random(seed)
    report = SupportReport(calls=_open_calls())
    report.applications = _submit_some(applications, rng, keep_free=keep_free)
    return report


def _open_calls() -> int:
    """A window open now for every measure without one (six weeks back to two months ahead),
    and the equipment measure's spring window of the real programme (4 April – 16 May)."""
    today = moscow_date()
    opens, closes = today - dt.timedelta(days=42), today + dt.timedelta(days=60)
    calls = [
        Call(measure=measure, opens_on=opens, closes_on=closes)
        for measure in Measure.objects.exclude(calls__in=Call.objects.open_on(today))
    ]
    spring = Measure.objects.filter(code="equipment-purchase").first()
    if spring is not None:
        year = today.year + (today > dt.date(today.year, 5, 16))
        calls.append(
            Call(measure=spring, opens_on=dt.date(year, 4, 4), closes_on=dt.date(year, 5, 16))
        )
    Call.objects.bulk_create(calls)
    return len(calls)


def _submit_some(count: int, rng: random.Random, *, keep_free=()) -> int:
    active = with_active_status(Organization.objects.exclude(pk__in=keep_free))
    owners = Membership.objects.filter(role="owner", organization__in=active).select_related(
        "organization", "user"
    )[: count * 4]
    # (An application to a measure that requires a pilot, "pilot testing", is made from one.)
    measures = list(
        Measure.objects.filter(requires_pilot=False).prefetch_related(
            "cost_rules", "calls", "industries"
        )
    )
    submitted = 0
    for membership in owners:
        if submitted == count:
            break
        measure = rng.choice(measures)
        if not eligibility(measure=measure, organization=membership.organization).can_apply_now:
            continue
        submit_application(measure, membership.organization, membership.user, rng)
        submitted += 1
    return submitted


def submit_application(measure, organization, owner, rng: random.Random, *, items: int = 2):
    """A grant application with `items` costs and its documents, submitted by `owner`."""
    application = services.grant_application_create(
        measure=measure,
        organization=organization,
        actor=owner,
        purpose="Расширение производства и вывод нового продукта на рынок",
        contact_phone=owner.phone or "+7 495 000-00-00",
    )
    for rule in list(measure.cost_rules.all())[:items]:
        origin = rule.origin if rule.origin != "any" else "domestic"
        services.cost_item_add(
            application=application,
            actor=owner,
            description=rng.choice(COSTS[rule.category]),
            category=rule.category,
            origin=origin,
            amount=Decimal(rng.randrange(150_000, 9_000_000)) + Decimal("0.50"),
            upload=demo_pdf("invoice"),
        )
    for requirement in measure.required_documents.all():
        reviews.submission_document_add(
            submission=application,
            actor=owner,
            requirement=requirement.pk,
            upload=demo_pdf("document"),
        )
    reviews.case_submit(case=application.case, actor=owner)
    return application
