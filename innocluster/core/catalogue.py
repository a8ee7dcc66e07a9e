"""The catalogue kit's pages: create a thing, and edit it, through its services.

(The rest of the kit, the model mixins and the owner-scoped selectors, is
platform/search/catalogue.py: it reads organizations' memberships, which the kernel does not
know. These pages are given the selectors.)

Every create and edit page of a catalogue did the same thing in its own copy: a GET shows the
form; a POST whose forms are all valid calls the service, with everything the form cleaned
(create) or what the person changed (edit); the service's refusal (ValidationError,
DomainError) goes on the form with its status (core.views.call_service); a saved thing
redirects to its own page with the form's `saved_message`. Here it is once, and a page is data:

    RESOURCE = FormPage(
        "facilities/resource_form.html", "facilities:resource", name="resource", parent="facility"
    )
    resource_create = RESOURCE.create(ResourceForm, services.resource_create, facility_selector)
    resource_edit = RESOURCE.edit(ResourceForm, services.resource_update, resource_selector)

The selector finds what the page works on from the URL's arguments (and `user=`), 404 for
anyone who may not: the thing to edit; or what a new one belongs to (`parent`: the service
and the template get it by that name); or, for a thing that belongs to no other, the
organizations the caller may create one for (the form gets them as `organizations=` and the
service the one chosen; the template's `can_create` says whether there is any).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms import BaseForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST

from .forms import form_status
from .views import Outcome, call_service

Forms = dict[str, BaseForm]  # by the template's name for each; the main one is "form"


def _nothing(*args) -> dict:
    return {}


@dataclass(frozen=True)
class FormPage:
    """What a thing's create and edit pages share: the template, the URL name of a saved
    thing's page (its pk the one argument), what the template calls the thing (None while it
    is created; also the edit service's keyword for it) and what it belongs to, if anything
    (the create service's keyword; the template's name for it on both pages)."""

    template: str
    success: str
    name: str
    parent: str = ""
    # More forms the same service call saves, by the template's names for them (a facility's
    # opening hours), made from the request's data and the thing (None while it is created).
    # Each gives the service its part: `arguments()`.
    companions: Callable[[Any, Any], Forms] = _nothing

    def create(self, form, service, selector, **options) -> "CreatePage":
        """The view that creates a thing with `service(actor=…, **the form's data)`."""
        return CreatePage(page=self, form=form, service=service, selector=selector, **options)

    def edit(self, form, service, selector, **options) -> "EditPage":
        """The view that changes the thing `selector` finds with
        `service(<name>=thing, actor=…, **what changed)`."""
        return EditPage(page=self, form=form, service=service, selector=selector, **options)


@dataclass(frozen=True, kw_only=True)
class _ServicePage:
    """A view: a form page whose valid POST calls a service."""

    page: FormPage
    form: type[BaseForm]
    service: Callable[..., Any]
    selector: Callable[..., Any]  # (user=…, **the URL's arguments) -> the target, or 404
    form_kwargs: Callable[[Any], dict] = _nothing  # more arguments of the form, from the target
    context: Callable[[Any], dict] = _nothing  # more for the template, from the target

    @method_decorator(login_required)
    def __call__(self, request, **kwargs):
        return self.respond(request, self.selector(user=request.user, **kwargs))

    def respond(self, request, target):
        """The page for `target`; once the service has saved, the saved thing's page."""
        data = request.POST or None
        forms = self.forms(data, target, files=request.FILES if data is not None else None)
        if request.method == "POST" and all([form.is_valid() for form in forms.values()]):
            saved = self.save(request, target, forms)
            if saved:
                return redirect(self.page.success, pk=self.saved_pk(target, saved.result))
            target = self.reread(request, target)
        return self.render(request, target, forms)

    def forms(self, data, target, files=None) -> Forms:
        """The page's forms, bound to `data` and the uploaded `files` (None: to fill in)."""
        arguments = {**self.form_arguments(target), **self.form_kwargs(target)}
        form = self.form(data, files, **arguments)
        return {"form": form, **self.page.companions(data, self.thing(target))}

    def save(self, request, target, forms: Forms) -> Outcome:
        """What the service did; its refusal's reasons are then on the form."""
        form = forms["form"]
        arguments = self.arguments(target, form)
        for companion in (other for name, other in forms.items() if name != "form"):
            arguments |= companion.arguments()
        saved = getattr(form, "saved_message", "")
        return call_service(
            request, self.service, form=form, success=saved, actor=request.user, **arguments
        )

    def render(self, request, target, forms: Forms):
        """The page, with 400 when a form is sent back with errors."""
        context = {**self.names(target), **self.context(target), **forms}
        status = max(form_status(form) for form in forms.values())
        return render(request, self.page.template, context, status=status)

    def reread(self, request, target):
        return target

    def thing(self, target):
        """The thing itself; None on a create page."""
        return None


class CreatePage(_ServicePage):
    """Creates a thing, for its parent or for an organization the form offers (FormPage)."""

    def form_arguments(self, target) -> dict:
        return {} if self.page.parent else {"organizations": target}

    def arguments(self, target, form) -> dict:
        parent = self.page.parent
        return {parent: target, **form.cleaned_data} if parent else dict(form.cleaned_data)

    def saved_pk(self, target, saved):
        return saved.pk

    def names(self, target) -> dict:
        parent = self.page.parent
        if parent:
            return {self.page.name: None, parent: target, "can_create": True}
        return {self.page.name: None, "can_create": target.exists()}


class EditPage(_ServicePage):
    """Changes a thing; its URL names it `pk`."""

    def form_arguments(self, target) -> dict:
        return {"instance": target}

    def arguments(self, target, form) -> dict:
        fields = form.fields
        changed = {name: form.cleaned_data[name] for name in form.changed_data if name in fields}
        return {self.page.name: target, **changed}

    def saved_pk(self, target, saved):
        return target.pk

    def reread(self, request, target):
        # The service set the refused values on the instance; the page shows the saved ones.
        return self.selector(user=request.user, pk=target.pk)

    def thing(self, target):
        return target

    def names(self, target) -> dict:
        parent = self.page.parent
        named = {self.page.name: target, "can_create": True}
        return named | ({parent: getattr(target, parent)} if parent else {})

    def part(self, form, service, back: str, **options) -> "PartPage":
        """The view of a form of its own on this page, which adds to the thing (a photo, a
        closed period): `back` is this page's URL name and the part's #anchor."""
        return PartPage(edit=self, form=form, service=service, back=back, **options)


@dataclass(frozen=True, kw_only=True)
class PartPage:
    """A POST of a form of its own on an edit page. Saved: back to the page, at the part's
    anchor, with the form's `saved_message`. Refused: the edit page again, the sent form, with
    its errors, in the place of the blank one of its class (the edit page's `context`)."""

    edit: EditPage
    form: type[BaseForm]
    service: Callable[..., Any]
    back: str  # "app:url_name#anchor"
    # The service's arguments besides `actor`, from the thing and the form's data; by default
    # the thing by its name, and the data as it is.
    arguments: Callable[[Any, dict], dict] | None = None
    default_field: str | None = None  # where a refusal that names no field goes

    @method_decorator(login_required)
    @method_decorator(require_POST)
    def __call__(self, request, pk):
        target = self.edit.selector(user=request.user, pk=pk)
        form = self.form(request.POST, request.FILES)
        if form.is_valid() and self.save(request, target, form):
            return redirect(self.back_url(pk))
        return self.edit.render(request, target, self.page_forms(target, form))

    def back_url(self, pk) -> str:
        """The edit page of thing `pk`, at this part."""
        name, anchor = self.back.split("#")
        return f"{reverse(name, kwargs={'pk': pk})}#{anchor}"

    def save(self, request, target, form) -> Outcome:
        if self.arguments:
            arguments = self.arguments(target, form.cleaned_data)
        else:
            arguments = {self.edit.page.name: target, **form.cleaned_data}
        return call_service(
            request,
            self.service,
            form=form,
            success=form.saved_message,
            default_field=self.default_field,
            actor=request.user,
            **arguments,
        )

    def page_forms(self, target, sent) -> Forms:
        blank = self.edit.context(target)
        replaced = [name for name, value in blank.items() if isinstance(value, self.form)]
        return {**self.edit.forms(None, target), **dict.fromkeys(replaced, sent)}
