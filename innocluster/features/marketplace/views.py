"""Pages of the marketplace: the catalogue, a product's page with its photos, certificates and
the inquiry form; the vendor's own listings and their editing; inquiries and their threads,
and the one step from an inquiry to a production order."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innocluster.core.catalogue import FormPage
from innocluster.core.files import serve_file
from innocluster.core.forms import form_status
from innocluster.core.listing import filtered_page, render_catalogue
from innocluster.core.views import call_service, run_service
from innocluster.features.exchange import selectors as exchange

from . import selectors as sel
from . import services
from .choices import InquiryStatus
from .filters import ListingFilterSet
from .forms import CertificateForm, InquiryForm, ListingForm, MessageForm, OrderForm, PhotoForm

PAGE_SIZE = 24


def catalogue(request):
    context, status = filtered_page(
        request, ListingFilterSet, sel.listing_list_public(), size=PAGE_SIZE, facets=True
    )
    context["can_list"] = request.user.is_authenticated and (
        sel.products_to_list(user=request.user).exists()
        or sel.listing_list_operated(user=request.user).exists()
    )
    return render_catalogue(
        request, context, page="marketplace/catalogue.html",
        results="marketplace/includes/results.html", status=status,
    )  # fmt: skip


def _listing_context(request, listing, inquiry_form=None) -> dict:
    user = request.user
    buyers = sel.buying_organizations(user=user, listing=listing) if user.is_authenticated else None
    vendor = listing in sel.listing_list_operated(user=user) if user.is_authenticated else False
    if inquiry_form is None and buyers is not None and buyers.exists() and listing.is_published:
        inquiry_form = InquiryForm(organizations=buyers)
    return {
        "listing": listing,
        "product": listing.product,
        "certificates": sel.certificates_of(listing=listing),
        "is_vendor": vendor,
        "inquiry_form": inquiry_form,
    }


def listing(request, pk):
    found = sel.listing_get_visible(user=request.user, pk=pk)
    return render(request, "marketplace/listing.html", _listing_context(request, found))


def photo(request, pk, photo_pk):
    found = sel.photo_get(user=request.user, listing_pk=pk, pk=photo_pk)
    return serve_file(found.image, public=found.listing.is_published)


def certificate(request, pk, certificate_pk):
    found = sel.certificate_get(user=request.user, listing_pk=pk, pk=certificate_pk)
    return serve_file(
        found.file, public=found.listing.is_published, download_name=f"{found.title}.pdf"
    )


@login_required
def mine(request):
    context = {
        "listings": sel.listing_list_operated(user=request.user),
        "products": sel.products_to_list(user=request.user),
    }
    return render(request, "marketplace/mine.html", context)


def _edit_context(listing) -> dict:
    return {
        "photo_form": PhotoForm(),
        "certificate_form": CertificateForm(),
        "certificates": sel.certificates_of(listing=listing),
    }


LISTING = FormPage(
    "marketplace/listing_form.html", "marketplace:listing", name="listing", parent="product"
)
listing_create = LISTING.create(ListingForm, services.listing_create, sel.product_get_to_list)
listing_edit = LISTING.edit(
    ListingForm, services.listing_update, sel.listing_get_operated, context=_edit_context
)
photo_add = listing_edit.part(PhotoForm, services.photo_add, back="marketplace:edit#photos")
certificate_add = listing_edit.part(
    CertificateForm, services.certificate_add, back="marketplace:edit#certificates"
)


@login_required
@require_POST
def photo_delete(request, pk, photo_pk):
    found = sel.listing_get_operated(user=request.user, pk=pk)
    item = found.photos.filter(pk=photo_pk).first()
    if item is None:
        raise Http404
    run_service(
        request, services.photo_delete, _("The photo is deleted."), photo=item, actor=request.user
    )
    return redirect("marketplace:edit", pk=found.pk)


@login_required
@require_POST
def certificate_delete(request, pk, certificate_pk):
    found = sel.listing_get_operated(user=request.user, pk=pk)
    item = sel.certificates_of(listing=found).filter(pk=certificate_pk).first()
    if item is None:
        raise Http404
    run_service(
        request, services.certificate_delete, _("The certificate is deleted."),
        certificate=item, actor=request.user,
    )  # fmt: skip
    return redirect("marketplace:edit", pk=found.pk)


@login_required
@require_POST
def inquire(request, pk):
    found = sel.listing_get_visible(user=request.user, pk=pk)
    buyers = sel.buying_organizations(user=request.user)
    form = InquiryForm(request.POST, organizations=buyers)
    if form.is_valid():
        outcome = call_service(
            request, services.inquiry_send, form=form, success=_("Your inquiry is sent."),
            listing=found, actor=request.user, **form.cleaned_data,
        )  # fmt: skip
        if outcome:
            return redirect("marketplace:inquiry", pk=outcome.result.pk)
    context = _listing_context(request, found, inquiry_form=form)
    return render(request, "marketplace/listing.html", context, status=form_status(form) or 400)


@login_required
def inquiries(request):
    rows = sel.inquiry_list(user=request.user)
    return render(request, "marketplace/inquiries.html", {"inquiries": rows[:200]})


def _inquiry_context(request, inquiry, *, message_form=None, order_form=None) -> dict:
    user = request.user
    buyer = sel.is_buyer_person(user=user, inquiry=inquiry)
    vendor = sel.is_vendor_person(user=user, inquiry=inquiry)
    writing = inquiry.status != InquiryStatus.CLOSED and (buyer or vendor)
    ordering = buyer and inquiry.status == InquiryStatus.OPEN
    if ordering and order_form is None:
        order_form = OrderForm(categories=exchange.categories(), units=exchange.units())
    return {
        "inquiry": inquiry,
        "messages_list": sel.messages_of(inquiry=inquiry),
        "is_buyer": buyer,
        "is_vendor": vendor,
        "message_form": (message_form or MessageForm()) if writing else None,
        "order_form": order_form if ordering else None,
        "can_close": writing,
    }


@login_required
def inquiry(request, pk):
    found = sel.inquiry_get(user=request.user, pk=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            request, services.message_post, form=form, success=_("Your message is sent."),
            inquiry=found, actor=request.user, text=form.cleaned_data["text"],
        )  # fmt: skip
        if outcome:
            return redirect("marketplace:inquiry", pk=found.pk)
    context = _inquiry_context(request, found, message_form=form if form.is_bound else None)
    return render(request, "marketplace/inquiry.html", context, status=form_status(form))


@login_required
@require_POST
def inquiry_order(request, pk):
    found = sel.inquiry_get(user=request.user, pk=pk)
    form = OrderForm(request.POST, categories=exchange.categories(), units=exchange.units())
    if form.is_valid():
        outcome = call_service(
            request, services.inquiry_order, form=form,
            success=_("The production order is placed with the vendor."),
            inquiry=found, actor=request.user, **form.cleaned_data,
        )  # fmt: skip
        if outcome:
            return redirect("exchange:order", pk=outcome.result.pk)
    context = _inquiry_context(request, found, order_form=form)
    return render(request, "marketplace/inquiry.html", context, status=form_status(form) or 400)


@login_required
@require_POST
def inquiry_close(request, pk):
    found = sel.inquiry_get(user=request.user, pk=pk)
    run_service(
        request, services.inquiry_close, _("The inquiry is closed."),
        inquiry=found, actor=request.user,
    )  # fmt: skip
    return redirect("marketplace:inquiry", pk=found.pk)
