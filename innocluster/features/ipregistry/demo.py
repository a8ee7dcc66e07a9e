"""Demo intellectual property: works that participants registered over the past three years,
each through the register's service with the clock at its moment (core.democlock), so the
registration, its audit event and its ledger entry carry the day it was made, as they would
have. The rightholder is the organization itself, so each registration is final at once."""

import datetime as dt
import hashlib
import random
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from innocluster.core.calendar import MOSCOW, moscow_date
from innocluster.core.democlock import clock_at
from innocluster.core.errors import DomainError
from innocluster.platform.accounts.models import User
from innocluster.platform.organizations.models import Membership, Organization
from innocluster.platform.organizations.selectors import first_of_each_organization
from innocluster.platform.status.selectors import with_active_status

from .choices import IPKind
from .models import IPObject
from .services import ip_object_register

WORKS = (
    ("Система управления энергопотреблением здания", IPKind.SOFTWARE),
    ("Датчик давления с температурной компенсацией", IPKind.UTILITY_MODEL),
    ("Способ очистки сточных вод от тяжёлых металлов", IPKind.INVENTION),
    ("Корпус портативного анализатора воздуха", IPKind.DESIGN),
    ("Платформа анализа медицинских изображений", IPKind.SOFTWARE),
    ("Технология напыления износостойкого покрытия", IPKind.KNOW_HOW),
    ("Устройство беспроводной зарядки электросамоката", IPKind.UTILITY_MODEL),
    ("Композитный материал для 3D-печати", IPKind.INVENTION),
    ("Мобильное приложение учёта складских остатков", IPKind.SOFTWARE),
)
YEARS = 3


@dataclass
class IPDemoReport:
    registered: int = 0


def build(*, seed: int, count: int = 40, keep_free=()) -> IPDemoReport:
    """`count` registrations of organizations with an active status (none of `keep_free`), on
    days spread over the past three years. Once: a register with entries is left as it is."""
    if IPObject.objects.exists():
        return IPDemoReport()
    rng = random.Random(f"ip-history-{seed}")
    report = IPDemoReport()
    owners = _owners(keep_free, count)
    today = moscow_date()
    # One transaction around the steps: what waits for the commit (the ledger's checkpoint,
    # the notices' tasks) runs after it, at today's time, not inside a step's clock.
    with transaction.atomic():
        for number, membership in enumerate(owners):
            report.registered += _register(membership, number, seed, today, rng)
    return report


def _register(membership, number: int, seed: int, today, rng) -> int:
    title, kind = WORKS[number % len(WORKS)]
    day = today - dt.timedelta(days=rng.randint(1, YEARS * 365))
    day = max(day, membership.organization.cluster_status.granted_on)  # a participant then
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(9, 18))), MOSCOW)
    work = hashlib.sha256(f"demo-work-{seed}-{number}".encode()).hexdigest()
    try:
        with clock_at(moment), transaction.atomic():
            ip_object_register(
                organization=membership.organization,
                actor=membership.user,
                title=title,
                kind=kind,
                work_sha256=work,
                rightholders=[{"name": membership.organization.short_name, "share": "100"}],
            )
    except (ValidationError, DomainError):
        return 0  # the register said no: its rules stand in the demo too
    return 1


def _owners(keep_free, count: int) -> list[Membership]:
    staff = User.objects.exclude(staff_role="")
    active = with_active_status(Organization.objects.exclude(pk__in=keep_free))
    owners = (
        Membership.objects.filter(role="owner", organization__in=active)
        .exclude(user__in=staff)
        .select_related("organization__cluster_status", "user")
        .order_by("-organization_id", "pk")  # others than the support history's first ones
    )
    return first_of_each_organization(owners, count)
