from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, User
from .services import user_set_staff_role


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "staff_role", "email_confirmed_at", "is_active"]
    list_filter = ["staff_role", "is_active"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["last_login", "date_joined", "is_staff", "is_superuser"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "position", "phone", "language")}),
        (
            _("Access"),
            {
                "fields": (
                    "is_active",
                    "staff_role",
                    "is_staff",
                    "is_superuser",
                    "email_confirmed_at",
                )
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )

    def save_model(self, request, obj, form, change):
        # The staff role goes through its service: only an administrator grants it, audited.
        role = form.cleaned_data.get("staff_role", obj.staff_role)
        if change and "staff_role" in form.changed_data:
            obj.staff_role = User.objects.get(pk=obj.pk).staff_role
            super().save_model(request, obj, form, change)
            user_set_staff_role(user=obj, role=role, actor=request.user)
        else:
            super().save_model(request, obj, form, change)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "revoked_at"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "key_hash",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]

    def has_add_permission(self, request):
        return False
