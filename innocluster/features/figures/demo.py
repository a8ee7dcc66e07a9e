"""Demo data for the figures: the city's average export growth and the fund's targets for the
years of the demo, then today's snapshot (on the ledger), its charts drawn."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from .choices import Kpi
from .models import ExportGrowth, KpiTarget, Snapshot
from .services import snapshot_take

# Illustrative, not the city's published statistics.
EXPORT_GROWTH = {2021: "4.10", 2022: "-2.30", 2023: "3.60", 2024: "5.20", 2025: "4.80"}
TARGETS = {
    Kpi.PARTICIPANTS_GROWTH: "6000",
    Kpi.COOPERATIVE_PROJECTS: "120",
    Kpi.NEW_JOBS: "2500",
    Kpi.EXPORTS_VS_CITY: "1",
}


@dataclass
class Built:
    snapshot: Snapshot | None


def build() -> Built:
    for year, percent in EXPORT_GROWTH.items():
        ExportGrowth.objects.get_or_create(
            year=year, defaults={"percent": Decimal(percent), "source": "demo"}
        )
    year = timezone.localdate().year
    for kpi, target in TARGETS.items():
        KpiTarget.objects.get_or_create(kpi=kpi, year=year, defaults={"target": Decimal(target)})
    if Snapshot.objects.filter(day=timezone.localdate()).exists():
        return Built(None)
    snapshot = snapshot_take()
    from .tasks import warm_pages

    warm_pages()
    return Built(snapshot)
