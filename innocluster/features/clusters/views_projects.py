"""Pages of joint projects, the status application and the register of intersectoral
clusters. Each view finds what it shows through a selector (404 for what the caller may not
see) and runs one service."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.forms import form_status
from innocluster.core.views import call_service
from innocluster.platform.reviews.forms import MessageForm  # noqa: F401 (the kit's form)
from innocluster.platform.reviews.pages import SubmissionPages

from . import selectors
from . import selectors_projects as reads
from .forms_projects import (
    ClusterStatusChangeForm,
    MilestoneForm,
    MilestoneRecordForm,
    NeedForm,
    ParticipantForm,
    ProjectCreateForm,
    ProjectForm,
)
from .models import ClusterMember, Milestone, ProjectNeed
from .services import application as applying
from .services import projects as services
from .services import register as register_services


def _members(cluster) -> list[tuple[int, str]]:
    """(organization id, short name) of the members, for the forms' choices."""
    return list(
        ClusterMember.objects.filter(cluster=cluster)
        .order_by("organization__short_name")
        .values_list("organization_id", "organization__short_name")
    )


def _admin_or_404(request, cluster):
    if not selectors.is_administrator(user=request.user, cluster=cluster):
        raise Http404


def project_section_context(*, user, cluster) -> dict:
    """What `clusters/projects/section.html` needs on the cluster page."""
    return {
        "cluster": cluster,
        "projects": reads.project_list(cluster=cluster),
        "may_edit_projects": selectors.is_administrator(user=user, cluster=cluster),
    }


def status_panel_context(*, user, cluster, counting=None, members=None, acting=None) -> dict:
    """What `clusters/application/status_panel.html` needs on the cluster page. The cluster's
    page passes what it counted already: the counting members, all members, and the member
    organizations `user` acts for (a list of ClusterMember); each is counted here otherwise."""
    if acting is None:
        acting = list(selectors.acting_member_organizations(user=user, cluster=cluster))
    summary = reads.status_summary(cluster=cluster, counting=counting, members=members)
    # Any member holding active participant status applies (the application kind says so).
    acting_ids = [member.organization_id for member in acting]
    may_apply = bool(acting_ids) and bool(
        selectors.counting_ids_among(cluster=cluster, organization_ids=acting_ids)
    )
    # An application not yet decided (a draft, the fund's requests) is seen by the members'
    # owners and editors and the fund's staff, never by everyone who reads the cluster.
    if not (acting or getattr(user, "is_fund_staff", False)):
        summary["application"] = None
    return {
        "cluster": cluster,
        "summary": summary,
        "may_apply": may_apply,
        "is_member_acting": bool(acting),
    }


@login_required
def project_create(request, cluster_pk):
    cluster = selectors.cluster_get_visible(user=request.user, pk=cluster_pk)
    _admin_or_404(request, cluster)
    members = _members(cluster)
    form = ProjectCreateForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        outcome = call_service(
            request,
            services.project_create,
            form=form,
            success=_("The project is created."),
            cluster=cluster,
            actor=request.user,
            **data,
        )
        if outcome:
            return _to_project(outcome.result)
    context = {"cluster": cluster, "form": form, "title": _("New joint project")}
    return render(request, "clusters/projects/form.html", context, status=form_status(form))


@login_required
def project_edit(request, cluster_pk, pk):
    project = reads.project_get_visible(user=request.user, cluster_pk=cluster_pk, pk=pk)
    _admin_or_404(request, project.cluster)
    form = ProjectForm(request.POST or None, instance=project)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            request,
            services.project_update,
            form=form,
            success=_("The project is saved."),
            project=project,
            actor=request.user,
            **form.cleaned_data,
        )
    ):
        return _to_project(project)
    context = {
        "cluster": project.cluster,
        "project": project,
        "form": form,
        "title": _("Edit the project"),
    }
    return render(request, "clusters/projects/form.html", context, status=form_status(form))


def project_detail(request, cluster_pk, pk, *, forms=None, status=200):
    project = reads.project_get_visible(user=request.user, cluster_pk=cluster_pk, pk=pk)
    cluster = project.cluster
    is_admin = selectors.is_administrator(user=request.user, cluster=cluster)
    forms = forms or {}
    if is_admin:  # the forms only administrators see (the members' list may be long)
        forms = {
            "participant": ParticipantForm(members=_members(cluster)),
            "milestone": MilestoneForm(),
            "need": NeedForm(),
            **forms,
        }
    context = {
        "cluster": cluster,
        "project": project,
        "is_admin": is_admin,
        "may_record": request.user.is_authenticated
        and services.may_record(user=request.user, project=project),
        "participant_form": forms.get("participant"),
        "milestone_form": forms.get("milestone"),
        "record_form": MilestoneRecordForm(),
        "need_form": forms.get("need"),
        "record_errors": forms.get("record"),
    }
    return render(request, "clusters/projects/detail.html", context, status=status)


def _to_project(project):
    return redirect("clusters:project", cluster_pk=project.cluster_id, pk=project.pk)


def _post(request, cluster_pk, pk, key, form, service, success, *, arguments):
    """One small form of the project page: run the service, or show the page with the errors."""
    project = reads.project_get_visible(user=request.user, cluster_pk=cluster_pk, pk=pk)
    if form.is_valid() and call_service(
        request,
        service,
        form=form,
        success=success,
        actor=request.user,
        **arguments(project, form.cleaned_data),
    ):
        return _to_project(project)
    return project_detail(request, cluster_pk, pk, forms={key: form}, status=form_status(form))


@login_required
@require_POST
def participant_set(request, cluster_pk, pk):
    cluster = selectors.cluster_get_visible(user=request.user, pk=cluster_pk)
    form = ParticipantForm(request.POST, members=_members(cluster))
    return _post(
        request,
        cluster_pk,
        pk,
        "participant",
        form,
        services.participant_set,
        _("The participant is saved."),
        arguments=lambda p, d: {
            "project": p,
            "organization_id": d["organization"],
            "role": d["role"],
        },
    )


@login_required
@require_POST
def participant_remove(request, cluster_pk, pk, organization_pk):
    def remove(project):
        return services.participant_remove(
            project=project, actor=request.user, organization_id=organization_pk
        )

    return _button(request, cluster_pk, pk, remove, _("The participant is removed."))


@login_required
@require_POST
def milestone_add(request, cluster_pk, pk):
    return _post(
        request,
        cluster_pk,
        pk,
        "milestone",
        MilestoneForm(request.POST),
        services.milestone_add,
        _("The milestone is added."),
        arguments=lambda p, d: {"project": p, **d},
    )


@login_required
@require_POST
def milestone_record(request, cluster_pk, pk, milestone_pk):
    project = reads.project_get_visible(user=request.user, cluster_pk=cluster_pk, pk=pk)
    milestone = _row(Milestone, project, milestone_pk)
    form = MilestoneRecordForm(request.POST)
    if form.is_valid() and call_service(
        request,
        services.milestone_record,
        form=form,
        success=_("The result is recorded."),
        milestone=milestone,
        actor=request.user,
        **form.cleaned_data,
    ):
        return _to_project(project)
    return project_detail(request, cluster_pk, pk, forms={"record": form}, status=form_status(form))


@login_required
@require_POST
def milestone_remove(request, cluster_pk, pk, milestone_pk):
    def remove(project):
        row = _row(Milestone, project, milestone_pk)
        return services.milestone_remove(milestone=row, actor=request.user)

    return _button(request, cluster_pk, pk, remove, _("The milestone is removed."))


@login_required
@require_POST
def need_add(request, cluster_pk, pk):
    return _post(
        request,
        cluster_pk,
        pk,
        "need",
        NeedForm(request.POST),
        services.need_add,
        _("The need is added."),
        arguments=lambda p, d: {"project": p, **d},
    )


@login_required
@require_POST
def need_remove(request, cluster_pk, pk, need_pk):
    def remove(project):
        row = _row(ProjectNeed, project, need_pk)
        return services.need_remove(need=row, actor=request.user)

    return _button(request, cluster_pk, pk, remove, _("The need is removed."))


def _button(request, cluster_pk, pk, action, success: str):
    """A button of the project page with no form: run `action(project)`, back to the page
    (a refusal shown as a message; not the caller's project: 404)."""
    project = reads.project_get_visible(user=request.user, cluster_pk=cluster_pk, pk=pk)
    call_service(request, lambda: action(project), success=success)
    return _to_project(project)


def _row(model, project, pk):
    row = model.objects.select_related("project__cluster").filter(project=project, pk=pk).first()
    if row is None:
        raise Http404
    return row


# --- the status application ----------------------------------------------------------------


@login_required
@require_POST
def application_create(request, cluster_pk):
    cluster = selectors.cluster_get_visible(user=request.user, pk=cluster_pk)
    return application_pages.open_draft(
        request,
        applying.cluster_application_create,
        refused_url=reverse("clusters:register"),
        cluster=cluster,
    )


class ClusterApplicationPages(SubmissionPages):
    kind = applying.CASE_KIND
    template = "clusters/application/application.html"

    @property
    def form_class(self):
        from .forms_application import ClusterApplicationForm

        return ClusterApplicationForm

    @property
    def document_form_class(self):
        from .forms_application import ClusterDocumentForm

        return ClusterDocumentForm

    def extra_context(self, request, submission, forms):
        return {
            "missing": applying.missing_for_status(submission.cluster),
            "members_compared": reads.members_compared(application=submission)
            if submission.case.submitted_at
            else [],
        }


application_pages = ClusterApplicationPages()


# --- the register ----------------------------------------------------------------------------


def register(request):
    entries = reads.register_list(user=request.user)
    return render(request, "clusters/register/list.html", {"entries": entries})


def register_entry(request, number, *, form=None, status=200):
    cluster = reads.register_entry_get(number=number, user=request.user)
    context = {
        "cluster": cluster,
        "summary": reads.status_summary(cluster=cluster),
        "history": cluster.status_changes.select_related("case").order_by("at", "pk"),
        "form": form or ClusterStatusChangeForm(),
        "may_change": request.user.is_authenticated and request.user.is_fund_admin,
    }
    return render(request, "clusters/register/entry.html", context, status=status)


@login_required
@require_POST
def register_change(request, number):
    cluster = reads.register_entry_get(number=number, user=request.user)
    if not request.user.is_fund_admin:
        raise Http404
    form = ClusterStatusChangeForm(request.POST)
    if form.is_valid() and call_service(
        request,
        register_services.cluster_status_change,
        form=form,
        success=_("The cluster's status is changed and recorded in the ledger."),
        cluster=cluster,
        actor=request.user,
        **form.cleaned_data,
    ):
        return redirect("clusters:register_entry", number=number)
    return register_entry(request, number, form=form, status=form_status(form))
