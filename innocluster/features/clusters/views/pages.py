"""The catalogue of clusters, a cluster's page, founding and editing, "My clusters"."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from innocluster.core.catalogue import FormPage
from innocluster.core.files import serve_file
from innocluster.core.listing import filtered_page, page_of, render_catalogue

from .. import selectors
from ..choices import MIN_COUNTING_MEMBERS
from ..filters import ClusterFilterSet
from ..forms import ClusterForm
from ..selectors import founding_among
from ..services import clusters as services
from ..views_projects import project_section_context, status_panel_context

PAGE_SIZE = 30
MEMBERS_PAGE_SIZE = 50


def cluster_list(request):
    queryset = selectors.cluster_list_visible(user=request.user)
    context, status = filtered_page(
        request, ClusterFilterSet, queryset, size=PAGE_SIZE, facets=True
    )
    context["can_found"] = selectors.founding_organizations(user=request.user).exists()
    return render_catalogue(
        request,
        context,
        page="clusters/list.html",
        results="clusters/includes/results.html",
        status=status,
    )


def _member_context(request, cluster) -> dict:
    """The members shown on a page of the cluster's page, which of them count."""
    page = page_of(request, selectors.member_list(cluster=cluster), size=MEMBERS_PAGE_SIZE)
    members = list(page.object_list)
    counting = selectors.counting_ids_among(
        cluster=cluster, organization_ids=[m.organization_id for m in members]
    )
    for member in members:
        member.counts = member.organization_id in counting
    return {"members_page": page, "members": members}


def cluster_detail(request, pk):
    cluster = selectors.cluster_get_visible(user=request.user, pk=pk)
    user = request.user
    acting = list(selectors.acting_member_organizations(user=user, cluster=cluster))
    context = {
        "cluster": cluster,
        "industries": list(cluster.industries.all()),
        "technologies": list(cluster.technologies.all()),
        "administrators": list(selectors.administrators(cluster=cluster)),
        "counting_count": selectors.counting_member_count(cluster),
        "minimum": MIN_COUNTING_MEMBERS,
        "is_admin": any(member.is_admin for member in acting),
        "acting_members": acting,
        "is_member_person": bool(acting) or selectors.is_member_person(user=user, cluster=cluster),
        "can_join": selectors.joinable_organizations(user=user, cluster=cluster).exists(),
        **_member_context(request, cluster),
    }
    context["member_count"] = context["members_page"].paginator.count
    # The joint projects and the status application, from their own part of the app.
    context.update(project_section_context(user=user, cluster=cluster))
    context.update(
        status_panel_context(
            user=user,
            cluster=cluster,
            counting=context["counting_count"],
            members=context["member_count"],
            acting=acting,
        )
    )
    return render(request, "clusters/detail.html", context)


def cluster_logo(request, pk):
    cluster = selectors.cluster_get_visible(user=request.user, pk=pk)
    return serve_file(cluster.logo, public=cluster.is_public)


# Founding (for an organization the person acts for) and editing (its administrators).
CLUSTER = FormPage("clusters/form.html", "clusters:detail", name="cluster")
cluster_create = CLUSTER.create(
    ClusterForm,
    services.cluster_create,
    lambda *, user: selectors.acting_organizations(user=user),
    context=lambda organizations: {"can_create": founding_among(organizations).exists()},
)
cluster_edit = CLUSTER.edit(
    ClusterForm,
    services.cluster_update,
    selectors.cluster_get_administered,
    form_kwargs=lambda cluster: {"leads": selectors.member_organizations(cluster=cluster)},
)


@login_required
def my_clusters(request):
    user = request.user
    context = {
        "memberships": selectors.memberships_of_user(user=user),
        "invitation_count": selectors.invitations_for_user(user=user).count(),
        "can_found": selectors.founding_organizations(user=user).exists(),
    }
    return render(request, "clusters/mine.html", context)
