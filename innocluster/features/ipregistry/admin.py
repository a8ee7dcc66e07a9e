"""Read-only: a registration is final and on the ledger; the admin neither adds, changes nor
deletes one (that would bypass the service, the audit trail and the ledger)."""

from django.contrib import admin

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import IPObject, Rightholder


class RightholderInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Rightholder
    extra = 0
    fields = [
        "name",
        "organization",
        "share",
        "consent",
        "consent_at",
        "consent_by",
        "decline_reason",
    ]
    readonly_fields = fields


@admin.register(IPObject)
class IPObjectAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "organization", "state", "created_at", "registered_at"]
    list_filter = ["state", "kind"]
    search_fields = ["title", "=work_sha256", "organization__short_name", "=organization__inn"]
    list_select_related = ["organization"]
    readonly_fields = [
        "organization",
        "title",
        "kind",
        "description",
        "work_sha256",
        "file_name",
        "registered_by",
        "state",
        "created_at",
        "registered_at",
        "closed_at",
    ]
    exclude = ["file"]  # downloaded through the permission-checked view, not a media URL
    inlines = [RightholderInline]
    show_full_result_count = False
