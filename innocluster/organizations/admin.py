from django.contrib import admin

from .models import (
    Industry,
    Invitation,
    Membership,
    MembershipRequest,
    Organization,
    Product,
    Technology,
)


@admin.register(Industry, Technology)
class TaxonomyAdmin(admin.ModelAdmin):
    """The managed taxonomy: fund administrators add and rename terms here."""

    list_display = ["slug", "name_ru", "name_en"]
    search_fields = ["slug", "name_ru", "name_en"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["user", "role", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Read-only for staff: every change to a profile goes through its service and the audit
    trail, which the admin would bypass."""

    list_display = ["short_name", "inn", "ogrn", "kind", "org_type", "region", "created_at"]
    list_filter = ["kind", "org_type", "region"]
    search_fields = ["short_name", "full_name", "inn", "ogrn"]
    inlines = [MembershipInline]
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "category", "trl"]
    list_filter = ["category", "trl"]
    search_fields = ["name"]
    raw_id_fields = ["organization"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(MembershipRequest, Invitation)
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
