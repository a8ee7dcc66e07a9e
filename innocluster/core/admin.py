from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is read-only, for everyone."""

    list_display = ["created_at", "actor", "action", "target_type", "target_id", "organization_id"]
    list_filter = ["action"]
    search_fields = ["action", "target_id"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
