from django.contrib import admin

from .models import AuditEvent


class ReadOnlyAdminMixin:
    """For records that only a service may write (the audit trail, the ledger, registrations):
    staff can read them in the admin, and nobody can add, change or delete one there."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id", "organization_id"]
    list_filter = ["action"]
    search_fields = ["action", "target_id"]
    show_full_result_count = False
