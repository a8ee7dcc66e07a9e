from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.core.tasks import send_email

from .choices import Language
from .errors import AccountErrorCode
from .models import PASSWORD_MAX_LENGTH, SIGN_IN_PASSWORD_MAX_LENGTH, User


class SignUpForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
        max_length=PASSWORD_MAX_LENGTH,
    )
    language = forms.ChoiceField(label=_("Language of e-mails"), choices=Language.choices)


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with e-mail; an unconfirmed e-mail is refused with a way to get a new link."""

    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
        max_length=254,
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=SIGN_IN_PASSWORD_MAX_LENGTH,
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong e-mail or password."),
        "unconfirmed": _(
            "Confirm your e-mail first: follow the link we sent you, or ask for a new one below."
        ),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.email_confirmed:
            raise forms.ValidationError(
                self.error_messages["unconfirmed"], code=AccountErrorCode.UNCONFIRMED
            )


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)


class ProfileForm(ServiceModelForm):
    class Meta:
        model = User
        fields = ["full_name", "position", "phone", "language"]


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, initial="API")
    days = forms.IntegerField(label=_("Valid for, days"), min_value=1, max_value=366, initial=90)


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's reset form, but the letter goes out through the background mail task, so the
    page answers at once whether or not the address is registered (no timing oracle)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(to=[to_email], subject=subject, body=body)
