"""The KPI catalogue in the admin site: fund administrators keep it (code, names, unit,
definition, methodology, required, validation). A campaign is opened from the fund's page
(kpireports:campaigns), which runs the service; here campaigns and reports are read only."""

from django.contrib import admin

from .models import Campaign, Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ru", "name_en", "unit", "validation", "required", "is_active"]
    list_editable = ["required", "is_active"]
    list_filter = ["validation", "required", "is_active"]
    search_fields = ["code", "name_ru", "name_en"]
    ordering = ["position", "code"]

    def has_delete_permission(self, request, obj=None):
        return False  # reports of past years refer to the codes: retire one with «in use»

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []  # a code is for good once reports use it


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["year", "deadline", "opened_at", "closed_at"]
    readonly_fields = ["year", "deadline", "indicator_codes", "opened_at", "opened_by", "closed_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
