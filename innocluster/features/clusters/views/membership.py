"""Membership pages: the administrators' page (invite by search, answer requests, rights,
removal), joining, leaving, and an organization's invitations."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.forms import form_status
from innocluster.core.views import call_service, run_service
from innocluster.features.directory.selectors import organization_search
from innocluster.platform.organizations.models import Organization
from innocluster.platform.status.selectors import with_active_status

from .. import selectors
from ..forms import InviteForm, JoinRequestForm, ReasonForm
from ..services import clusters as cluster_services
from ..services import membership as services
from .pages import _member_context

FOUND_SHOWN = 10


def _candidates(cluster, query: str) -> list:
    """What the directory's search finds for `query`, each marked: may be invited (a
    participant or partner in good standing), a member, invited already."""
    if not query.strip():
        return []
    result = organization_search(
        data=QueryDict(mutable=True) | {"q": query[:200]}, page_size=FOUND_SHOWN, facets=False
    )
    found = [hit.organization for hit in result.hits]
    ids = [organization.pk for organization in found]
    eligible = set(
        with_active_status(Organization.objects.filter(pk__in=ids)).values_list("pk", flat=True)
    )
    members = selectors.member_organization_ids(cluster=cluster)
    invited = set(
        selectors.pending_invitations(cluster=cluster).values_list("organization_id", flat=True)
    )
    for organization in found:
        organization.is_member = organization.pk in members
        organization.is_invited = organization.pk in invited
        organization.is_eligible = organization.pk in eligible
    return found


@login_required
def members(request, pk):
    cluster = selectors.cluster_get_administered(user=request.user, pk=pk)
    query = request.GET.get("find", "")[:200]
    context = {
        "cluster": cluster,
        "query": query,
        "candidates": _candidates(cluster, query),
        "invitations": selectors.pending_invitations(cluster=cluster),
        "join_requests": selectors.pending_join_requests(cluster=cluster),
        "member_count": cluster.members.count(),
        "reason_form": ReasonForm(),
        **_member_context(request, cluster),
    }
    return render(request, "clusters/members.html", context)


def _back(cluster, anchor: str = ""):
    response = redirect("clusters:members", pk=cluster.pk)
    response["Location"] += anchor
    return response


@login_required
@require_POST
def invite(request, pk):
    cluster = selectors.cluster_get_administered(user=request.user, pk=pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        raise Http404
    organization = get_object_or_404(Organization, pk=form.cleaned_data["organization"])
    run_service(
        request,
        services.invitation_create,
        _("The invitation is sent to %(name)s.") % {"name": organization.short_name},
        cluster=cluster,
        organization=organization,
        actor=request.user,
        message=form.cleaned_data["message"],
    )
    return _back(cluster, "#invitations")


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    cluster = selectors.cluster_get_administered(user=request.user, pk=pk)
    invitation = selectors.invitation_get_administered(
        user=request.user, cluster=cluster, pk=invitation_pk
    )
    run_service(
        request,
        services.invitation_revoke,
        _("The invitation is revoked."),
        invitation=invitation,
        actor=request.user,
    )
    return _back(cluster, "#invitations")


@login_required
@require_POST
def request_accept(request, pk, request_pk):
    cluster = selectors.cluster_get_administered(user=request.user, pk=pk)
    join_request = selectors.join_request_get_administered(
        user=request.user, cluster=cluster, pk=request_pk
    )
    run_service(
        request,
        services.join_request_accept,
        _("%(name)s is a member now.") % {"name": join_request.organization.short_name},
        join_request=join_request,
        actor=request.user,
    )
    return _back(cluster, "#requests")


@login_required
@require_POST
def request_decline(request, pk, request_pk):
    cluster = selectors.cluster_get_administered(user=request.user, pk=pk)
    join_request = selectors.join_request_get_administered(
        user=request.user, cluster=cluster, pk=request_pk
    )
    run_service(
        request,
        services.join_request_decline,
        _("The request is declined."),
        join_request=join_request,
        actor=request.user,
        reason=request.POST.get("reason", ""),
    )
    return _back(cluster, "#requests")


@login_required
@require_POST
def admin_set(request, pk, member_pk):
    cluster = selectors.cluster_get_administered(user=request.user, pk=pk)
    member = selectors.member_get_visible(user=request.user, cluster=cluster, pk=member_pk)
    is_admin = request.POST.get("is_admin") == "1"
    run_service(
        request,
        cluster_services.member_admin_set,
        _("Administrator rights are given.") if is_admin else _("Administrator rights are taken."),
        member=member,
        actor=request.user,
        is_admin=is_admin,
    )
    return _back(cluster, "#members")


@login_required
@require_POST
def member_remove(request, pk, member_pk):
    cluster = selectors.cluster_get_administered(user=request.user, pk=pk)
    member = selectors.member_get_visible(user=request.user, cluster=cluster, pk=member_pk)
    run_service(
        request,
        services.member_remove,
        _("%(name)s is removed from the cluster.") % {"name": member.organization.short_name},
        member=member,
        actor=request.user,
        reason=request.POST.get("reason", ""),
    )
    return _back(cluster, "#members")


@login_required
@require_POST
def member_leave(request, pk, member_pk):
    cluster = selectors.cluster_get_visible(user=request.user, pk=pk)
    member = selectors.member_get_visible(user=request.user, cluster=cluster, pk=member_pk)
    left = run_service(
        request,
        services.member_leave,
        _("%(name)s left the cluster.") % {"name": member.organization.short_name},
        member=member,
        actor=request.user,
    )
    if left and not cluster.is_public:
        return redirect("clusters:mine")
    return redirect("clusters:detail", pk=cluster.pk)


@login_required
def join_request_create(request, pk):
    cluster = selectors.cluster_get_visible(user=request.user, pk=pk)
    organizations = selectors.joinable_organizations(user=request.user, cluster=cluster)
    form = JoinRequestForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            request,
            services.join_request_create,
            form=form,
            success=_("The request is sent to the cluster's administrators."),
            cluster=cluster,
            actor=request.user,
            **form.cleaned_data,
        )
        if outcome:
            return redirect("clusters:invitations")
    context = {"cluster": cluster, "form": form, "can_join": organizations.exists()}
    return render(request, "clusters/join.html", context, status=form_status(form))


@login_required
def invitations(request):
    """The invitations to the organizations the caller acts for, and their own requests."""
    context = {
        "invitations": selectors.invitations_for_user(user=request.user),
        "join_requests": selectors.join_requests_of_user(user=request.user),
    }
    return render(request, "clusters/invitations.html", context)


def _answer(request, pk, service, success: str):
    invitation = selectors.invitation_get_for_answer(user=request.user, pk=pk)
    run_service(request, service, success, invitation=invitation, actor=request.user)
    return redirect("clusters:invitations")


@login_required
@require_POST
def invitation_accept(request, pk):
    return _answer(
        request, pk, services.invitation_accept, _("Welcome: your organization joined the cluster.")
    )


@login_required
@require_POST
def invitation_decline(request, pk):
    return _answer(request, pk, services.invitation_decline, _("The invitation is declined."))


@login_required
@require_POST
def join_request_withdraw(request, pk):
    join_request = selectors.join_request_get_own(user=request.user, pk=pk)
    run_service(
        request,
        services.join_request_withdraw,
        _("The request is withdrawn."),
        join_request=join_request,
        actor=request.user,
    )
    return redirect("clusters:invitations")
