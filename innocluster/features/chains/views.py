"""The chains' pages. Views translate HTTP to selectors and services and nothing more."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.forms import form_status
from innocluster.core.views import call_service
from innocluster.features.clusters.selectors import cluster_get_visible

from . import graph, selectors, services
from .forms import DeclineForm, EndForm, LinkForm

TABLE_PAGE_SIZE = 100


def cluster_url(cluster) -> str | None:
    """The cluster's own page, once the clusters app has one."""
    try:
        return reverse("clusters:detail", kwargs={"pk": cluster.pk})
    except NoReverseMatch:
        return None


def cluster_chain_page(request, pk):
    """The cluster's chain: the drawing, the same links as a paged table, and the gaps."""
    cluster = cluster_get_visible(user=request.user, pk=pk)
    chain = selectors.cluster_chain(cluster)
    names = {node.id: node for node in chain.nodes}
    page = Paginator(chain.edges, TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(edge, names[edge.supplier_id], names[edge.customer_id]) for edge in page]
    member_ids = [node.id for node in chain.nodes]
    gaps = selectors.chain_gaps(selectors.needs_of_cluster(cluster), member_ids)
    context = {
        "cluster": cluster,
        "cluster_url": cluster_url(cluster),
        "chain": chain,
        "drawing": graph.draw(chain, title=_("Supply chain of %s") % cluster.name),
        "page": page,
        "rows": rows,
        "gaps": [(gap, _directory_search(gap)) for gap in gaps],
    }
    return render(request, "chains/cluster_chain.html", context)


def _directory_search(gap) -> str:
    """The platform's directory, searching for the need's words: it searches organizations
    and their products across the whole platform (it has no filter by cluster)."""
    return reverse("directory:search") + "?" + urlencode({"q": gap.description[:200]})


@login_required
def link_list(request):
    """The supply links of my organizations: to confirm, waiting for the other side, confirmed."""
    roles = selectors.my_roles(user=request.user)
    lists = selectors.links_of_my_organizations(user=request.user)

    def rows(links):
        return [(link, selectors.link_actions_for(link=link, roles=roles)) for link in links]

    context = {
        "to_confirm": rows(lists["to_confirm"]),
        "waiting": rows(lists["waiting"]),
        "confirmed": rows(lists["confirmed"]),
        "may_record": bool(selectors.acting_organization_ids(user=request.user)),
        "decline_form": DeclineForm(),
        "end_form": EndForm(),
    }
    return render(request, "chains/links.html", context)


@login_required
def link_record(request):
    """Record that one of my organizations supplies another: find it, choose what, since when."""
    organizations = selectors.acting_organizations(user=request.user)
    if not organizations:
        return render(request, "chains/record.html", {"form": None}, status=200)
    data = request.POST if request.method == "POST" else None
    initial = {"supplier": request.GET.get("supplier")} if data is None else None
    text = (data or {}).get("find", "")
    chosen = (data or {}).get("customer", "")
    found = list(selectors.organization_search(text=text))
    if chosen.isdigit() and len(chosen) < 19 and all(str(o.pk) != chosen for o in found):
        found += list(selectors.organization_search_ids(ids=[int(chosen)]))
    form = LinkForm(data, initial=initial, organizations=organizations, found=found)
    context = {"form": form, "found": found, "searched": bool(text.strip())}
    if data is None or "find_customer" in data:
        return render(request, "chains/record.html", context)
    if form.is_valid():
        cleaned = form.cleaned_data
        product = cleaned["product"]
        outcome = call_service(
            request,
            services.supply_link_record,
            form=form,
            success=_("The supply link is recorded: the customer confirms it."),
            supplier=cleaned["supplier"],
            actor=request.user,
            customer_id=cleaned["customer"],
            product_id=product.pk if product else None,
            subject=cleaned["subject"],
            starts_on=cleaned["starts_on"],
            ends_on=cleaned["ends_on"],
        )
        if outcome:
            return redirect("chains:link", pk=outcome.result.pk)
    return render(request, "chains/record.html", context, status=form_status(form))


def link_detail(request, pk):
    link = selectors.link_get_for(user=request.user, pk=pk)
    roles = selectors.my_roles(user=request.user)
    context = {
        "link": link,
        "actions": selectors.link_actions_for(link=link, roles=roles),
        "decline_form": DeclineForm(),
        "end_form": EndForm(),
    }
    return render(request, "chains/link.html", context)


def _step(request, pk, service, success, **kwargs):
    link = selectors.link_get_for(user=request.user, pk=pk)
    call_service(request, service, success=success, link=link, actor=request.user, **kwargs)
    if request.POST.get("back") == "links":
        return redirect("chains:links")
    return redirect("chains:link", pk=link.pk)


@require_POST
@login_required
def link_confirm(request, pk):
    return _step(request, pk, services.supply_link_confirm, _("The supply link is confirmed."))


@require_POST
@login_required
def link_decline(request, pk):
    reason = request.POST.get("reason", "")
    return _step(
        request, pk, services.supply_link_decline, _("The supply link is declined."), reason=reason
    )


@require_POST
@login_required
def link_withdraw(request, pk):
    return _step(request, pk, services.supply_link_withdraw, _("The supply link is withdrawn."))


@require_POST
@login_required
def link_end(request, pk):
    form = EndForm(request.POST)
    if not form.is_valid():
        selectors.link_get_for(user=request.user, pk=pk)
        messages.error(request, _("Give the date as day, month and year."))
        return redirect("chains:link", pk=pk)
    return _step(
        request,
        pk,
        services.supply_link_end,
        _("The supply link is ended."),
        ends_on=form.cleaned_data["ends_on"],
    )
