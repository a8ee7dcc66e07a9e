"""Fund staff read the city's challenges and their entries here. Everything is read-only:
publishing, entering, confirming a co-applicant, assigning, scoring and deciding go through
the services (the pages and the API), which check who acts and when, notify the people
concerned and write the audit trail; a raw admin edit would skip all of that."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import Challenge, Criterion, Entry, EntryPartner, Evaluator


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class CriterionInline(ReadOnlyInline):
    model = Criterion
    fields = ["name", "weight"]
    verbose_name, verbose_name_plural = _("criterion"), _("criteria")


class EvaluatorInline(ReadOnlyInline):
    model = Evaluator
    fields = ["evaluator", "fund_expert"]
    verbose_name, verbose_name_plural = _("evaluator"), _("evaluators")

    @admin.display(description=_("evaluator"))
    def evaluator(self, row):
        return row.user

    @admin.display(description=_("fund expert"), boolean=True)
    def fund_expert(self, row):
        return row.is_fund_expert


@admin.register(Challenge)
class ChallengeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "organization", "prize_kind", "submissions_until", "results_by"]
    list_filter = ["prize_kind", "entries_public"]
    search_fields = ["title", "organization__short_name"]
    list_select_related = ["organization"]
    date_hierarchy = "submissions_until"
    inlines = [CriterionInline, EvaluatorInline]


class PartnerInline(ReadOnlyInline):
    model = EntryPartner
    fields = ["co_applicant", "confirmed"]
    verbose_name, verbose_name_plural = _("co-applicant"), _("co-applicants")

    @admin.display(description=_("organization"))
    def co_applicant(self, row):
        return row.organization

    @admin.display(description=_("confirmed"))
    def confirmed(self, row):
        return row.confirmed_at or "—"


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["title", "challenge", "organization", "submitted_at", "decision"]
    list_filter = ["decision"]
    search_fields = ["title", "organization__short_name", "challenge__title"]
    list_select_related = ["challenge", "organization"]
    inlines = [PartnerInline]
