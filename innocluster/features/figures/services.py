"""The day's snapshot: computed, stored as canonical JSON and its SHA-256 put on the ledger,
in one transaction (a snapshot without its ledger entry is never stored)."""

import hashlib
import json
import time
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.errors import Conflict, PermissionDenied
from innocluster.platform.ledger.kinds import register_kind, register_subject
from innocluster.platform.ledger.services import ledger_append
from innocluster.platform.organizations.models import Industry

from .errors import FiguresErrorCode
from .models import ExportGrowth, KpiTarget, Snapshot
from .registry import compute_all

FORMAT = "innocluster-figures/1"

register_kind("figures.snapshot", gettext_lazy("the day's public figures published"))
register_subject("figures", gettext_lazy("public figures of a day"), url_name="")
register_actions(
    {
        "figures.kpi_target_set": gettext_lazy("entered a target of the fund's KPI"),
        "figures.export_growth_set": gettext_lazy("entered the city's average export growth"),
    }
)


def canonical(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def snapshot_take(*, day: date | None = None) -> Snapshot:
    """Compute the figures as of the end of `day` (today, Moscow time, by default), store them
    and put their SHA-256 on the ledger, together. A day has one snapshot, never replaced:
    a second call for the same day raises ValidationError (code snapshot_exists) and writes
    nothing, so a published figure cannot be quietly changed."""
    day = day or timezone.localdate()
    if Snapshot.objects.filter(day=day).exists():
        raise _exists(day)
    started = time.perf_counter()
    body = canonical(
        {
            "format": FORMAT,
            "day": day.isoformat(),
            "figures": compute_all(day=day),
            # The words for the industries' codes, so the pages read nothing but the snapshot.
            "labels": {"industry": _industry_names()},
            "export_growth": {
                str(row.year): str(row.percent) for row in ExportGrowth.objects.all()
            },
        }
    )
    sha256 = hashlib.sha256(body.encode()).hexdigest()
    try:
        with transaction.atomic():
            snapshot = Snapshot.objects.create(
                day=day,
                computed_at=timezone.now(),
                body=body,
                sha256=sha256,
                seconds=round(time.perf_counter() - started, 3),
            )
            ledger_append(
                kind="figures.snapshot",
                subject=snapshot.ledger_subject,
                payload={"day": day.isoformat(), "sha256": sha256, "format": FORMAT},
            )
    except IntegrityError:  # another worker took the same day meanwhile
        raise _exists(day) from None
    return snapshot


def _industry_names() -> dict[str, list[str]]:
    return {
        slug: [ru, en]
        for slug, ru, en in Industry.objects.values_list("slug", "name_ru", "name_en")
    }


def _exists(day: date) -> ValidationError:
    return ValidationError(
        _("The figures of %(day)s are already published; a snapshot is never replaced.")
        % {"day": day.isoformat()},
        code=FiguresErrorCode.SNAPSHOT_EXISTS,
    )


def kpi_target_set(*, kpi: str, year: int, target: Decimal, actor) -> KpiTarget:
    """Enter the fund's target of `kpi` for `year`, or change the one entered (one per KPI and
    year). Fund administrators only; checked as the model checks it; audited."""
    return _enter(KpiTarget, {"kpi": kpi, "year": year}, {"target": target}, actor,
                  "figures.kpi_target_set")  # fmt: skip


def export_growth_set(*, year: int, percent: Decimal, source: str = "", actor) -> ExportGrowth:
    """Enter the city's average export growth of `year` (the yardstick of the KPI «exports grow
    faster than the city's average»), or change the one entered. As kpi_target_set; the next
    snapshot carries it (a published snapshot never changes)."""
    return _enter(ExportGrowth, {"year": year}, {"percent": percent, "source": source}, actor,
                  "figures.export_growth_set")  # fmt: skip


def _enter(model: type[models.Model], key: dict, values: dict, actor, action: str):
    if not getattr(actor, "is_fund_admin", False):
        raise PermissionDenied(_("Only a fund administrator can enter the fund's targets."))
    try:
        with transaction.atomic():
            row = model.objects.select_for_update().filter(**key).first() or model(**key)
            before = {name: str(getattr(row, name)) for name in values} if row.pk else {}
            for name, value in values.items():
                setattr(row, name, value)
            row.full_clean()
            row.save()
            changes = {name: [before.get(name), str(value)] for name, value in values.items()}
            audit_record(actor=actor, action=action, target=row, changes=changes)
    except IntegrityError:  # another administrator entered the same year meanwhile
        raise Conflict(
            _("Somebody entered this year meanwhile: reload the page and check."),
            code=FiguresErrorCode.ENTERED_MEANWHILE,
        ) from None
    return row
