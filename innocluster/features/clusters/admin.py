"""Fund staff read the clusters here: their members, invitations and requests, joint projects,
status applications and the register's history. Everything is read-only: every change goes
through a service (the pages and the API), which checks who acts, keeps the rules of decree
435-PP (the status, the register number, the 30 counting members) and writes the audit
trail and the ledger; a raw admin edit would skip all of that."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from innocluster.core.admin import ReadOnlyAdminMixin

from .models import (
    Cluster,
    ClusterApplication,
    ClusterInvitation,
    ClusterJoinRequest,
    ClusterMember,
    ClusterStatusChange,
    MemberSnapshot,
    Milestone,
    Project,
    ProjectNeed,
    ProjectParticipant,
)


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


class MemberInline(ReadOnlyInline):
    model = ClusterMember
    fields = ["organization", "is_admin", "joined_at"]
    ordering = ["-is_admin", "organization__short_name"]


class StatusChangeInline(ReadOnlyInline):
    model = ClusterStatusChange
    fields = ["at", "action", "status", "counting_members", "reason", "case"]


@admin.register(Cluster)
class ClusterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "lead_organization", "status", "register_number", "is_public"]
    list_filter = ["status", "is_public"]
    search_fields = ["name", "register_number", "lead_organization__short_name"]
    list_select_related = ["lead_organization"]
    inlines = [MemberInline, StatusChangeInline]


@admin.register(ClusterMember)
class ClusterMemberAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["organization", "cluster", "is_admin", "joined_at"]
    list_filter = ["is_admin"]
    search_fields = ["organization__short_name", "organization__inn", "cluster__name"]
    list_select_related = ["organization", "cluster"]


@admin.register(ClusterInvitation)
class ClusterInvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["organization", "cluster", "state", "created_at", "expires_at"]
    list_filter = ["state"]
    search_fields = ["organization__short_name", "cluster__name"]
    list_select_related = ["organization", "cluster"]


@admin.register(ClusterJoinRequest)
class ClusterJoinRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["organization", "cluster", "state", "created_at"]
    list_filter = ["state"]
    search_fields = ["organization__short_name", "cluster__name"]
    list_select_related = ["organization", "cluster"]


class ParticipantInline(ReadOnlyInline):
    model = ProjectParticipant
    fields = ["organization", "role"]


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ["title", "due_on", "state", "recorded_at"]


class NeedInline(ReadOnlyInline):
    model = ProjectNeed
    fields = ["category", "description"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "cluster", "starts_on", "ends_on", "target_trl"]
    list_filter = ["target_trl"]
    search_fields = ["name", "cluster__name"]
    list_select_related = ["cluster"]
    inlines = [ParticipantInline, MilestoneInline, NeedInline]


class SnapshotInline(ReadOnlyInline):
    model = MemberSnapshot
    fields = ["short_name", "inn", "counted", "status_register_number"]
    verbose_name_plural = _("members at submission")


@admin.register(ClusterApplication)
class ClusterApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The application's steps are the review pipeline's (the fund's review pages)."""

    list_display = ["case", "cluster", "case_status", "contact_name", "updated_at"]
    list_filter = ["case__status"]
    search_fields = ["cluster__name", "cluster__lead_organization__short_name"]
    list_select_related = ["case", "cluster"]
    inlines = [SnapshotInline]

    @admin.display(description=_("status"), ordering="case__status")
    def case_status(self, application):
        return application.case.get_status_display()
