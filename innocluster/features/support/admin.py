"""Fund administrators edit the catalogue of measures here (rules, documents, criteria, calls);
every save is checked by the models' validators and constraints and goes to the audit trail.
Applications and what follows an award are read-only here: they change only through their
services (the pages and the API)."""

from django.contrib import admin

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import (
    Award,
    Call,
    CostRule,
    Criterion,
    GrantApplication,
    Measure,
    RequiredDocument,
)
from .services.catalogue import measure_saved


class FundAdministratorsOnly:
    """The catalogue is the fund administrators' (staff role), whatever Django's model
    permissions say: the same rule for the measure and its inlines."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_fund_admin

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class CostRuleInline(FundAdministratorsOnly, admin.TabularInline):
    model = CostRule
    extra = 0


class RequiredDocumentInline(FundAdministratorsOnly, admin.TabularInline):
    model = RequiredDocument
    extra = 0


class CriterionInline(FundAdministratorsOnly, admin.TabularInline):
    model = Criterion
    extra = 0


class CallInline(FundAdministratorsOnly, admin.TabularInline):
    model = Call
    extra = 0


@admin.register(Measure)
class MeasureAdmin(FundAdministratorsOnly, admin.ModelAdmin):
    list_display = ["title_ru", "level", "required_status", "cap_per_company_year", "is_published"]
    list_filter = ["level", "required_status", "is_published"]
    search_fields = ["title_ru", "title_en", "code"]
    filter_horizontal = ["industries"]
    inlines = [CostRuleInline, RequiredDocumentInline, CriterionInline, CallInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changed = list(form.changed_data) + [
            formset.model._meta.model_name for formset in formsets if formset.has_changed()
        ]
        measure_saved(
            measure=form.instance, actor=request.user, changed=changed, created=not change
        )


@admin.register(GrantApplication)
class GrantApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["case", "measure", "requested_amount", "cap_year"]
    list_select_related = ["case", "measure"]
    list_filter = ["measure"]
    show_full_result_count = False


@admin.register(Award)
class AwardAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["application", "organization", "measure", "amount", "year", "awarded_at"]
    list_select_related = ["application__case", "organization", "measure"]
    list_filter = ["measure", "year"]
