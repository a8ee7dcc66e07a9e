from django.contrib import admin
from django.db import models

from innocluster.core.admin import ReadOnlyAdminMixin

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


class MembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Membership
    extra = 0
    readonly_fields = ["user", "role", "created_at"]


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only for staff: every change to a profile goes through its service and the audit
    trail, which the admin would bypass."""

    list_display = ["short_name", "inn", "ogrn", "kind", "org_type", "region", "created_at"]
    list_filter = ["kind", "org_type", "region"]
    search_fields = ["short_name", "full_name", "inn", "ogrn"]
    inlines = [MembershipInline]
    show_full_result_count = False
    # Django 6 will assume https for scheme-less URLs; say so now (and silence its warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Product)
class ProductAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "organization", "category", "trl"]
    list_filter = ["category", "trl"]
    search_fields = ["name"]
    list_select_related = ["organization"]


@admin.register(MembershipRequest, Invitation)
class MembershipRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
    list_select_related = ["organization"]
