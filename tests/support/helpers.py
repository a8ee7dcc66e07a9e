"""Builders for support-measure tests: measures with open calls, participants, full drafts."""

import datetime as dt
from decimal import Decimal

from innocluster.core.calendar import moscow_date
from innocluster.features.support.models import Measure
from innocluster.features.support.services import applications as services
from innocluster.platform.reviews import services as kit

from ..factories import OrganizationFactory, member_of, with_status
from ..status.helpers import pdf_file

D = Decimal
A_MILLION_DOMESTIC = ((D("1000000.00"), "domestic"),)


def a_measure(*, rules=None, documents=("Договор",), criteria=(("Эффект", 1),), **fields):
    """A city measure for participants, open for applications today. Rules are tuples
    (category, origin, mode, percent, fixed_amount[, item_cap])."""
    defaults = {
        "code": f"m-{Measure.objects.count() + 1}",
        "title_ru": "Компенсация затрат на оборудование",
        "title_en": "Equipment costs",
        "level": "city",
        "provider": "Фонд",
    }
    measure = Measure.objects.create(**{**defaults, **fields})
    for rule in rules or [("equipment", "domestic", "share", D("50"), None),
                          ("equipment", "imported", "share", D("35"), None)]:  # fmt: skip
        category, origin, mode, percent, fixed, *cap = rule
        measure.cost_rules.create(
            category=category, origin=origin, mode=mode, percent=percent, fixed_amount=fixed,
            item_cap=cap[0] if cap else None,
        )  # fmt: skip
    for title in documents:
        measure.required_documents.create(title_ru=title, title_en=title)
    for title, weight in criteria:
        measure.criteria.create(title_ru=title, title_en=title, weight=weight)
    open_call(measure)
    return measure


def open_call(measure, *, days_before=10, days_after=30):
    today = moscow_date()
    return measure.calls.create(
        opens_on=today - dt.timedelta(days=days_before),
        closes_on=today + dt.timedelta(days=days_after),
    )


def a_participant(**fields):
    """A Moscow company with participant status, and its owner."""
    organization = with_status(OrganizationFactory(**fields))
    return organization, member_of(organization, "owner")


def a_draft(measure, organization, actor, *, items=A_MILLION_DOMESTIC):
    """A draft with a purpose, the given equipment costs and every required document."""
    application = services.grant_application_create(
        measure=measure, organization=organization, actor=actor
    )
    kit.submission_update(
        submission=application,
        actor=actor,
        fields={"purpose": "Станок с ЧПУ для нового цеха", "contact_phone": "+7 495 000-00-00"},
    )
    category = measure.cost_rules.first().category
    for amount, origin in items:
        add_item(application, actor, amount=amount, origin=origin, category=category)
    for requirement in measure.required_documents.all():
        kit.submission_document_add(
            submission=application, actor=actor, requirement=requirement.pk, upload=pdf_file()
        )
    return application


def add_item(application, actor, *, amount, origin="domestic", category="equipment"):
    return services.cost_item_add(
        application=application,
        actor=actor,
        description="Фрезерный станок",
        category=category,
        origin=origin,
        amount=amount,
        upload=pdf_file("invoice.pdf"),
    )
