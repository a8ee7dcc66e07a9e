"""What the fund enters by hand (the city's export growth, the KPIs' targets) and the
snapshots, read only: a published snapshot is never edited."""

from django.contrib import admin

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import ExportGrowth, KpiTarget, Snapshot


@admin.register(ExportGrowth)
class ExportGrowthAdmin(admin.ModelAdmin):
    list_display = ["year", "percent", "source"]


@admin.register(KpiTarget)
class KpiTargetAdmin(admin.ModelAdmin):
    list_display = ["kpi", "year", "target"]
    list_filter = ["kpi", "year"]


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["day", "computed_at", "sha256", "seconds"]
