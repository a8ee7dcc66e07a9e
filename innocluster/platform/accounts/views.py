from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from innocluster.core.forms import form_status
from innocluster.core.ratelimits import limited
from innocluster.core.views import call_service

from . import selectors, services
from .errors import AccountErrorCode
from .forms import (
    ApiTokenForm,
    EmailAuthenticationForm,
    PasswordResetForm,
    ProfileForm,
    ResendConfirmationForm,
    SignUpForm,
)
from .models import User


@limited("sign_up")
def sign_up(request):
    form = SignUpForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        outcome = call_service(
            request, services.user_sign_up, form=form, default_field="password", **form.cleaned_data
        )
        taken = outcome.code == AccountErrorCode.EMAIL_TAKEN
        if taken:  # the same answer as for a new address, and a letter to its owner
            services.user_warn_sign_up_attempt(email=email)
        if outcome or taken:
            return _check_email(request, email)
    return render(request, "accounts/sign_up.html", {"form": form}, status=form_status(form))


def _check_email(request, email: str):
    """The same answer for a new and a registered address: no account enumeration."""
    request.session["signed_up_email"] = email
    return redirect("accounts:check_email")


def check_email(request):
    return render(
        request, "accounts/check_email.html", {"email": request.session.get("signed_up_email")}
    )


def confirm_email(request, token):
    confirmed = call_service(
        request,
        services.user_confirm_email,
        success=_("Your e-mail is confirmed. Sign in with your password."),
        token=token,
    )
    if not confirmed:  # the message says why; the page offers a new link
        return render(request, "accounts/confirm_failed.html", status=confirmed.status)
    email = confirmed.result.email
    return redirect(f"{reverse('accounts:login')}?{urlencode({'email': email})}")


@limited("mail_link")
def resend_confirmation(request):
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email=email, email_confirmed_at__isnull=True).first()
        if user is not None:
            services.user_send_confirmation(user=user)
        # The same answer whether or not the address is registered: no account enumeration.
        messages.info(request, _("If this e-mail awaits confirmation, a new link is on its way."))
        return redirect("accounts:login")
    return render(request, "accounts/resend_confirmation.html", {"form": form})


# Password spraying (one address, many accounts) is slowed per client address; guessing one
# account's password is locked by django-axes per account and address.
@method_decorator(limited("sign_in"), name="dispatch")
@method_decorator(limited("sign_in_hour"), name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_initial(self):
        return {"username": self.request.GET.get("email", "")[:254]}


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            request,
            services.user_update_profile,
            form=form,
            success=_("Your profile is saved."),
            user=request.user,
            actor=request.user,
            **_changed(form),
        )
    ):
        return redirect("accounts:profile")
    context = {
        "form": form,
        "token_form": ApiTokenForm(),
        "tokens": selectors.api_token_list_for(user=request.user),
        "new_token": request.session.pop("new_token", None),
    }
    return render(request, "accounts/profile.html", context, status=form_status(form))


def _changed(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.changed_data}


@login_required
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        _token, raw = services.api_token_create(user=request.user, **form.cleaned_data)
        # Shown once on the next page, then gone: we keep only its hash.
        request.session["new_token"] = raw
    else:
        messages.error(request, _("The token was not created: %s") % form.errors.as_text())
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request, pk):
    token = selectors.api_token_get_own(user=request.user, pk=pk)
    services.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token “%s” is revoked.") % token.name)
    return redirect("accounts:profile")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        revoked = services.user_record_password_change(user=form.user, reset=False)
        messages.success(self.request, _("Your password is changed."))
        if revoked:
            messages.info(
                self.request,
                ngettext(
                    "Your API token is revoked with the old password: create a new one.",
                    "Your %(count)d API tokens are revoked with the old password: create new ones.",
                    revoked,
                )
                % {"count": revoked},
            )
        return response


@method_decorator(limited("mail_link"), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    @property
    def extra_email_context(self):
        return {"site_url": settings.SITE_URL}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_record_password_change(user=form.user, reset=True)
        return response
