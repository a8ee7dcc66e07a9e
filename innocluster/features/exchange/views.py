"""Pages of the exchange: the orders catalogue, an order (its items and files; the supplier's
own offer; once opened, the buyer's comparison and award), and a supplier's offer form."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innocluster.core.catalogue import FormPage
from innocluster.core.files import serve_file
from innocluster.core.forms import form_status
from innocluster.core.listing import filtered_page, render_catalogue
from innocluster.core.views import call_service, submit_form

from . import selectors as sel
from . import services
from .choices import OfferStatus, Status
from .comparison import comparison, per_item
from .filters import OrderFilterSet
from .forms import (
    AnswerForm,
    AwardForm,
    FileForm,
    InterestForm,
    NdaForm,
    OfferForm,
    OrderCreateForm,
    OrderForm,
    QuestionForm,
    order_companions,
    plain,
)
from .matching import match_order

PAGE_SIZE = 20


def catalogue(request):
    context, status = filtered_page(
        request, OrderFilterSet, sel.order_list_public(), size=PAGE_SIZE, facets=True
    )
    return render_catalogue(
        request, context, page="exchange/catalogue.html",
        results="exchange/includes/catalogue_results.html", status=status,
    )  # fmt: skip


def _order_context(request, order, **sent) -> dict:
    """The order's page for the caller; `sent`: a form sent back with its errors, in the
    place of the blank one of its name."""
    user = request.user
    buyer = sel.is_buyer_person(user=user, order=order)
    rows = []
    if not order.is_sealed and sel.may_run(user=user, order=order):
        rows = comparison(order, sel.offer_list_visible(user=user, order=order))
    award = getattr(order, "award", None) if order.status == Status.AWARDED else None
    now = timezone.now()
    offering = order.status == Status.PUBLISHED and now < order.offers_until
    asking = order.status == Status.PUBLISHED and now < order.questions_until
    suppliers = (
        sel.supplying_organizations(user=user, order=order) if user.is_authenticated else None
    )
    may_supply = suppliers is not None and suppliers.exists()
    own = sel.own_offer_on(user=user, order=order)
    nda = sel.nda_accepted(user=user, order=order)
    confidential = any(f.confidential for f in order.files.all())
    context = {
        "order": order,
        "buyer": buyer,
        "show_budget": order.budget is not None and (order.budget_public or buyer),
        "own_offer": own,
        "may_offer": offering and may_supply,
        "may_withdraw": offering and own is not None and own.status == OfferStatus.SUBMITTED
        and own.organization_id in sel.organization_ids_of(user, sel.ACTING),
        "rows": rows,
        "questions": sel.questions_for_buyer(order=order) if buyer
        else sel.questions_public(order=order),
        "per_item": per_item(order, rows) if rows else [],
        "award": award,
        "award_form": AwardForm(rows=rows)
        if buyer and rows and order.status == Status.OPENED
        else None,
        "nda_accepted": nda,
        "files_open": buyer or nda or sel.may_run(user=user, order=order),
        "nda_form": NdaForm(organizations=suppliers)
        if confidential and may_supply and not nda and order.status != Status.DRAFT
        else None,
        "question_form": QuestionForm() if asking and may_supply else None,
        "answer_form": AnswerForm() if buyer and order.status == Status.PUBLISHED else None,
        "blank_answer": AnswerForm(),
        "file_form": FileForm()
        if buyer and order.status in (Status.DRAFT, Status.PUBLISHED) and now < order.offers_until
        else None,
        "editable": buyer and order.status == Status.DRAFT,
    }  # fmt: skip
    return context | sent


def _back(order) -> str:
    return reverse("exchange:order", args=[order.pk])


def _order_page(request, order, status=200, **sent):
    return render(
        request, "exchange/order.html", _order_context(request, order, **sent), status=status
    )


def order(request, pk):
    order = sel.order_get_visible(user=request.user, pk=pk)
    return render(request, "exchange/order.html", _order_context(request, order))


@login_required
def offer(request, pk):
    order = sel.order_get_visible(user=request.user, pk=pk)
    organizations = sel.supplying_organizations(user=request.user, order=order)
    if order.status != Status.PUBLISHED or not organizations.exists():
        raise Http404
    own = sel.own_offer_on(user=request.user, order=order)
    form = OfferForm(
        request.POST or None, request.FILES or None, order=order, organizations=organizations,
        initial=_initial(own), documents=list(own.documents.all()) if own else (),
    )  # fmt: skip
    if request.method == "POST":
        done = submit_form(
            request, form, services.offer_submit, to=_back(order),
            success=_("Your offer is sealed."), order=order, actor=request.user,
            values=lambda _data: form.service_values(), default_field="documents",
        )  # fmt: skip
        if done:
            return done
    context = {"order": order, "form": form, "own_offer": own}
    return render(request, "exchange/offer.html", context, status=form_status(form))


def offer_document(request, pk, document_pk):
    """A document of an offer, to whoever may read the offer (before the opening only its
    supplier's people: the buyer and the fund get a 404 until then)."""
    found = sel.offer_document_get(user=request.user, pk=pk, document_pk=document_pk)
    return serve_file(found.file, public=False, download_name=found.name)


def _initial(offer) -> dict:
    """The offer form filled with the supplier's current offer, to change it."""
    if offer is None:
        return {}
    lines = list(offer.lines.all())
    prices = {f"price_{line.item_id}": line.price for line in lines}
    vat = {f"vat_{line.item_id}": plain(line.vat_rate) for line in lines}
    return {
        "organization": offer.organization_id, "lead_time_days": offer.lead_time_days,
        "comment": offer.comment, **prices, **vat,
    }  # fmt: skip


@login_required
@require_POST
def award(request, pk):
    order = sel.order_get_own(user=request.user, pk=pk)
    rows = comparison(order, sel.comparable_offers(user=request.user, order=order))
    form = AwardForm(request.POST, rows=rows)
    done = submit_form(
        request, form, services.order_award, to=_back(order), success=_("The order is awarded."),
        order=order, actor=request.user,
        values=lambda data: {"offer_id": data["offer"], "reason": data["reason"]},
    )  # fmt: skip
    return done or _order_page(request, order, form_status(form) or 400, award_form=form)


@login_required
def my_orders(request):
    """The orders of the caller's organizations, drafts included."""
    context = {
        "orders": sel.order_list_own(user=request.user).order_by("-created_at", "-pk"),
        "can_create": sel.acting_organizations(user=request.user).exists(),
    }
    return render(request, "exchange/mine.html", context)


ORDER = FormPage(
    "exchange/order_form.html", "exchange:order", name="order", companions=order_companions
)
order_create = ORDER.create(OrderCreateForm, services.order_create, sel.acting_organizations)
order_edit = ORDER.edit(OrderForm, services.order_update, sel.order_get_own)


def _button(service, message: str):
    """A POST button of the buyer on its order (publish)."""

    @login_required
    @require_POST
    def view(request, pk):
        order = sel.order_get_own(user=request.user, pk=pk)
        call_service(request, service, success=message, order=order, actor=request.user)
        return redirect("exchange:order", pk=order.pk)

    return view


order_publish = _button(
    services.order_publish,
    # Lazy: made once at import, it is read in each request's language.
    gettext_lazy(
        "The order is published; the suppliers that asked to hear of such orders are told."
    ),
)


@login_required
@require_POST
def file_add(request, pk):
    order = sel.order_get_own(user=request.user, pk=pk)
    form = FileForm(request.POST, request.FILES)
    done = submit_form(
        request, form, services.order_file_add, to=_back(order), success=form.saved_message,
        default_field="upload", order=order, actor=request.user,
    )  # fmt: skip
    return done or _order_page(request, order, form_status(form), file_form=form)


def file_download(request, pk, file_pk):
    """A file of the order: a confidential one after the NDA only (else 404); logged."""
    order = sel.order_get_visible(user=request.user, pk=pk)
    found = sel.file_get_for_download(user=request.user, order=order, pk=file_pk)
    if request.user.is_authenticated:
        services.download_record(file=found, user=request.user)
    return serve_file(found.file, public=False, download_name=found.name)


@login_required
@require_POST
def nda(request, pk):
    order = sel.order_get_visible(user=request.user, pk=pk)
    suppliers = sel.supplying_organizations(user=request.user, order=order)
    form = NdaForm(request.POST, organizations=suppliers)
    done = submit_form(
        request, form, services.nda_accept, to=_back(order),
        success=_("The terms are accepted: the confidential files are open to you."),
        order=order, actor=request.user,
        values=lambda data: {"organization": data["organization"]},
    )  # fmt: skip
    return done or _order_page(request, order, form_status(form), nda_form=form)


@login_required
@require_POST
def question_ask(request, pk):
    order = sel.order_get_visible(user=request.user, pk=pk)
    form = QuestionForm(request.POST)
    done = submit_form(
        request, form, services.question_ask, to=_back(order),
        success=_("Your question is sent; the answer will be shown here."),
        order=order, actor=request.user,
    )  # fmt: skip
    return done or _order_page(request, order, form_status(form), question_form=form)


@login_required
@require_POST
def question_answer(request, pk, question_pk):
    order = sel.order_get_own(user=request.user, pk=pk)
    question = sel.question_get(order=order, pk=question_pk)
    form = AnswerForm(request.POST)
    done = submit_form(
        request, form, services.question_answer, to=_back(order),
        success=_("The answer is shown to every supplier."),
        question=question, actor=request.user,
    )  # fmt: skip
    return done or _order_page(
        request, order, form_status(form), answer_form=form, answering=question.pk
    )


@login_required
@require_POST
def offer_withdraw(request, pk):
    order = sel.order_get_visible(user=request.user, pk=pk)
    offer = sel.own_offer_on(user=request.user, order=order)
    if offer is None:
        raise Http404
    offer = sel.offer_get_own(user=request.user, pk=offer.pk)
    call_service(
        request, services.offer_withdraw, success=_("Your offer is withdrawn."),
        offer=offer, actor=request.user,
    )  # fmt: skip
    return redirect("exchange:order", pk=order.pk)


@login_required
def matches(request, pk):
    """The suppliers that fit the buyer's order, and why."""
    order = sel.order_get_own(user=request.user, pk=pk)
    return render(request, "exchange/matches.html", {"order": order, "matches": match_order(order)})


@login_required
def interests(request):
    """What orders a supplier hears of: one of the caller's organizations at a time."""
    organizations = sel.acting_organizations(user=request.user)
    chosen = request.POST.get("organization") or request.GET.get("organization")
    organization = (
        sel.interest_organization(user=request.user, pk=chosen) if chosen else organizations.first()
    )
    form = None
    status = 200
    if organization is not None:
        chosen_ids = sel.interest_categories(organization=organization)
        initial = {"processes": chosen_ids, "materials": chosen_ids}
        form = InterestForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            outcome = call_service(
                request, services.interest_set, form=form, success=form.saved_message,
                organization=organization, actor=request.user, categories=form.categories(),
            )  # fmt: skip
            if outcome:
                return redirect(f"{request.path}?organization={organization.pk}")
        status = form_status(form)
    context = {"organizations": organizations, "organization": organization, "form": form}
    return render(request, "exchange/interests.html", context, status=status)
