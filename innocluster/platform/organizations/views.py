from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.files import serve_file
from innocluster.core.forms import form_status
from innocluster.core.httpcache import public_read
from innocluster.core.listing import page_of
from innocluster.core.ratelimits import limited
from innocluster.core.views import call_service

from . import selectors, services
from .choices import MemberRole
from .errors import OrganizationErrorCode
from .forms import (
    InvitationForm,
    MembershipRequestForm,
    OrganizationEditForm,
    OrganizationRegisterForm,
    ProductForm,
    RoleForm,
)
from .permissions import EDIT_PROFILE, MANAGE_MEMBERS, MANAGE_PRODUCTS, VIEW_AUDIT, VIEW_MEMBERS


@public_read
def home(request):
    return render(request, "home.html", selectors.organization_home_figures())


@login_required
def dashboard(request):
    """My account: my organizations with my role, invitations to accept, my requests to join."""
    organizations = list(selectors.organization_list_for_member(user=request.user))
    for organization in organizations:
        organization.my_role_label = MemberRole(organization.my_role).label
    context = {
        "organizations": organizations,
        "invitations": selectors.invitations_for_user(user=request.user),
        "requests": selectors.membership_requests_of_user(user=request.user)[:10],
    }
    return render(request, "organizations/dashboard.html", context)


# The old list's filters, which the directory reads by the same names (its `kind` facet came
# from here), and its sort orders as the nearest of the directory's: it has no "Z to A",
# "oldest first" or year of founding, so those fall back to its default.
MOVED_FILTERS = ("q", "kind", "org_type", "region", "industry", "technology", "headcount", "page")
MOVED_ORDERINGS = {"name": "name", "-name": "name", "-created": "newest"}


def organization_list(request):
    """The one catalogue of organizations is the directory (issue 16): the old list's address,
    with its filters, moves there for good."""
    query = QueryDict(mutable=True)
    for name in MOVED_FILTERS:
        # The old form sent its unchosen select boxes blank (`kind=`): they meant "any".
        if values := [value for value in request.GET.getlist(name) if value]:
            query.setlist(name, values)
    if sort := MOVED_ORDERINGS.get(request.GET.get("ordering", "")):
        query["sort"] = sort
    target = reverse("directory:search")
    return HttpResponsePermanentRedirect(f"{target}?{query.urlencode()}" if query else target)


@public_read
def organization_detail(request, pk):
    organization, products = selectors.organization_shown(pk=pk)
    user = request.user
    role = selectors.membership_role(user=user, organization=organization)
    can = selectors.abilities_of(user=user, role=role)
    context = {
        "organization": organization,
        "products": products,
        "can_edit": EDIT_PROFILE in can,
        "can_view_members": VIEW_MEMBERS in can,
        "can_view_audit": VIEW_AUDIT in can,
        "can_manage_products": MANAGE_PRODUCTS in can,
        "may_ask_to_join": user.is_authenticated and not role,
        "request_pending": selectors.has_pending_request(user=user, organization=organization),
        "request_form": MembershipRequestForm(),
        "subject": f"organization:{organization.pk}",
    }
    return render(request, "organizations/detail.html", context)


def _cleaned_changes(form) -> dict:
    """The fields the person changed; a cleared file becomes the empty name."""
    return {
        name: ("" if form.cleaned_data[name] is False else form.cleaned_data[name])
        for name in form.changed_data
    }


@login_required
def organization_register(request):
    form = OrganizationRegisterForm(request.POST or None, request.FILES or None)
    existing = None
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            request,
            services.organization_register,
            form=form,
            success=_("The organization is registered. You are its owner."),
            actor=request.user,
            **form.cleaned_data,
        )
        if outcome:
            return redirect("organizations:detail", pk=outcome.result.pk)
        if outcome.code == OrganizationErrorCode.ORGANIZATION_EXISTS:
            existing = selectors.organization_get_public(
                pk=outcome.error.extra["existing_organization"]
            )
            if selectors.membership_role(user=request.user, organization=existing):
                # A second click on "Register": the first one registered it, for this person.
                messages.info(request, _("This organization is registered, and you are a member."))
                return redirect("organizations:detail", pk=existing.pk)
    return render(
        request,
        "organizations/register.html",
        {"form": form, "existing": existing},
        status=form_status(form),
    )


@login_required
def organization_edit(request, pk):
    organization = selectors.organization_get_for(user=request.user, pk=pk, ability=EDIT_PROFILE)
    form = OrganizationEditForm(request.POST or None, request.FILES or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            request,
            services.organization_update,
            form=form,
            success=_("The profile is saved."),
            organization=organization,
            actor=request.user,
            **_cleaned_changes(form),
        )
        if saved:
            return redirect("organizations:detail", pk=organization.pk)
    context = {"form": form, "organization": organization}
    return render(request, "organizations/edit.html", context, status=form_status(form))


def organization_logo(request, pk):
    """Logos are public, but still served through the application, never from a media URL."""
    organization = selectors.organization_get_public(pk=pk)
    return serve_file(organization.logo, public=True)


def product_image(request, pk, product_pk):
    organization = selectors.organization_get_public(pk=pk)
    product = selectors.product_get(organization=organization, pk=product_pk)
    return serve_file(product.image, public=True)


# --- Members --------------------------------------------------------------------------------


@login_required
def members(request, pk):
    organization = selectors.organization_get_for(user=request.user, pk=pk, ability=VIEW_MEMBERS)
    can_manage = selectors.user_can(
        user=request.user, organization=organization, ability=MANAGE_MEMBERS
    )
    context = {
        "organization": organization,
        "members": selectors.member_list(organization=organization),
        "can_manage": can_manage,
        "requests": selectors.pending_requests(organization=organization) if can_manage else [],
        "invitations": selectors.pending_invitations(organization=organization)
        if can_manage
        else [],
        "invite_form": InvitationForm(),
        "role_choices": RoleForm.base_fields["role"].choices,
    }
    return render(request, "organizations/members.html", context)


def _run(request, action, success: str, **kwargs):
    """Call a service from a POST button, as the person who pressed it."""
    call_service(request, action, success=success, actor=request.user, **kwargs)


@login_required
@require_POST
def member_role(request, pk, membership_pk):
    organization = selectors.organization_get_for(user=request.user, pk=pk, ability=MANAGE_MEMBERS)
    membership = selectors.membership_get(organization=organization, pk=membership_pk)
    form = RoleForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else request.POST.get("role", "")
    _run(
        request,
        services.membership_change_role,
        _("The role is changed."),
        membership=membership,
        role=role,
    )
    return redirect("organizations:members", pk=pk)


@login_required
@require_POST
def member_remove(request, pk, membership_pk):
    organization = selectors.organization_get_for(user=request.user, pk=pk, ability=VIEW_MEMBERS)
    membership = selectors.membership_get(organization=organization, pk=membership_pk)
    leaving = membership.user_id == request.user.pk
    _run(
        request,
        services.membership_remove,
        _("You left the organization.") if leaving else _("The member is removed."),
        membership=membership,
    )
    if leaving and not selectors.membership_role(user=request.user, organization=organization):
        return redirect("dashboard")
    return redirect("organizations:members", pk=pk)


@login_required
@require_POST
@limited("invitation", key="user")
def invite(request, pk):
    organization = selectors.organization_get_for(user=request.user, pk=pk, ability=MANAGE_MEMBERS)
    form = InvitationForm(request.POST)
    if form.is_valid():
        _run(
            request,
            services.invitation_create,
            _("The invitation is sent."),
            organization=organization,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _("The invitation was not sent: %s") % form.errors.as_text())
    return redirect("organizations:members", pk=pk)


@login_required
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    organization = selectors.organization_get_for(user=request.user, pk=pk, ability=MANAGE_MEMBERS)
    invitation = selectors.pending_invitation_get(organization=organization, pk=invitation_pk)
    _run(
        request, services.invitation_revoke, _("The invitation is revoked."), invitation=invitation
    )
    return redirect("organizations:members", pk=pk)


@login_required
@require_POST
def request_decide(request, pk, request_pk, decision):
    if decision not in ("approve", "decline"):
        raise Http404
    organization = selectors.organization_get_for(user=request.user, pk=pk, ability=MANAGE_MEMBERS)
    membership_request = selectors.pending_request_get(organization=organization, pk=request_pk)
    approve = decision == "approve"
    _run(
        request,
        services.membership_request_decide,
        _("The request is approved.") if approve else _("The request is declined."),
        membership_request=membership_request,
        approve=approve,
        role=request.POST.get("role") or None,
    )
    return redirect("organizations:members", pk=pk)


@login_required
@require_POST
@limited("join_request", key="user")
def request_membership(request, pk):
    organization = selectors.organization_get_public(pk=pk)
    form = MembershipRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("message", [])))
        return redirect("organizations:detail", pk=pk)
    call_service(
        request,
        services.membership_request_create,
        success=_("Your request is sent to the owners."),
        organization=organization,
        user=request.user,
        message=form.cleaned_data["message"],
    )
    return redirect("organizations:detail", pk=pk)


@login_required
@require_POST
def invitation_accept_mine(request, invitation_pk):
    """Accept from the dashboard an invitation sent to my own confirmed e-mail.

    Holding the confirmed address is what the secret link proves, so no link is needed here.
    """
    invitation = selectors.invitations_for_user(user=request.user).filter(pk=invitation_pk).first()
    if invitation is None:
        raise Http404
    if not _accept(request, invitation):
        return redirect("dashboard")
    return redirect("organizations:detail", pk=invitation.organization_id)


def invitation(request, token):
    found = call_service(request, services.invitation_by_secret, secret=token)  # else a 404
    invitation = found.result
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if _accept(request, invitation):
            return redirect("organizations:detail", pk=invitation.organization_id)
    return render(request, "organizations/invitation.html", {"invitation": invitation})


def _accept(request, invitation):
    welcome = _("Welcome to %s!") % invitation.organization.short_name
    return call_service(
        request,
        services.invitation_accept,
        success=welcome,
        invitation=invitation,
        user=request.user,
    )


# --- Products -------------------------------------------------------------------------------


@login_required
def product_form(request, pk, product_pk=None):
    organization = selectors.organization_get_for(user=request.user, pk=pk, ability=MANAGE_PRODUCTS)
    product = (
        selectors.product_get(organization=organization, pk=product_pk) if product_pk else None
    )
    form = ProductForm(request.POST or None, request.FILES or None, instance=product)
    if request.method == "POST" and form.is_valid():
        if product:
            service, target = services.product_update, {"product": product}
            fields = _cleaned_changes(form)
        else:
            service, target = services.product_create, {"organization": organization}
            fields = form.cleaned_data
        saved = call_service(
            request,
            service,
            form=form,
            success=_("The product is saved."),
            actor=request.user,
            **target,
            **fields,
        )
        if saved:
            return redirect("organizations:detail", pk=pk)
    context = {"form": form, "organization": organization, "product": product}
    return render(request, "organizations/product_form.html", context, status=form_status(form))


@login_required
@require_POST
def product_delete(request, pk, product_pk):
    organization = selectors.organization_get_for(user=request.user, pk=pk, ability=MANAGE_PRODUCTS)
    product = selectors.product_get(organization=organization, pk=product_pk)
    _run(request, services.product_delete, _("The product is deleted."), product=product)
    return redirect("organizations:detail", pk=pk)


@login_required
def audit(request, pk):
    organization = selectors.organization_get_for(user=request.user, pk=pk, ability=VIEW_AUDIT)
    page = page_of(request, selectors.audit_trail(organization=organization), size=50)
    return render(request, "organizations/audit.html", {"organization": organization, "page": page})
