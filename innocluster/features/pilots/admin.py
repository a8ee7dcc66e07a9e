"""Fund staff read pilot sites here. Writes go through the services (the pages and the API),
which check the operator and its type, so the admin changes nothing itself."""

from django.contrib import admin

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import PilotSite


@admin.register(PilotSite)
class PilotSiteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "category", "organization", "capacity", "is_published"]
    list_filter = ["category", "is_published", "insurance_required"]
    search_fields = ["name", "address"]
    list_select_related = ["organization"]
