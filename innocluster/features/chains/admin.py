"""Fund staff read supply links here. Every step of a link (recorded, confirmed, declined,
withdrawn, ended) goes through the services, which check who acts for which side, tell the
other side and keep the audit trail, so the admin changes and deletes nothing."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import SupplyLink


@admin.register(SupplyLink)
class SupplyLinkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["subject", "supplier", "customer", "state", "starts_on", "ends_on"]
    list_filter = ["state"]
    search_fields = ["subject", "supplier__short_name", "customer__short_name", "=supplier__inn"]
    list_select_related = ["supplier", "customer"]
    date_hierarchy = "starts_on"
    show_full_result_count = False
    readonly_fields = [
        "supplier",
        "customer",
        "product",
        "subject",
        "starts_on",
        "ends_on",
        "state",
        "recorded_by_name",
        "answered_by_name",
        "answered_on",
        "decline_reason",
        "ended_by_name",
        "created_at",
    ]
    fields = readonly_fields

    # The people on a link have no label of their own in the model (no migration for a label).
    @admin.display(description=_("recorded by"))
    def recorded_by_name(self, link):
        return link.recorded_by or "—"

    @admin.display(description=_("answered by"))
    def answered_by_name(self, link):
        return link.answered_by or "—"

    @admin.display(description=_("answered"))
    def answered_on(self, link):
        return link.answered_at or "—"

    @admin.display(description=_("ended by"))
    def ended_by_name(self, link):
        return link.ended_by or "—"
