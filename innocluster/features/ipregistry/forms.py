from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from innocluster.platform.organizations.selectors import organization_list_public

from .choices import IPKind
from .errors import IPRegistryErrorCode
from .rules import MAX_NAME_LENGTH, MAX_RIGHTHOLDERS
from .selectors import organizations_for_registration

DEFAULT_ROWS = 5


class IPObjectForm(forms.Form):
    """Field checks only; the rules of shares and hashes live in the service.

    The data-sha256-* attributes are what static/ipregistry/sha256.js looks for.
    """

    organization = forms.ModelChoiceField(
        queryset=None,
        label=_("Organization"),
        help_text=_("The organization that registers the object: you are its owner or editor."),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=IPKind.choices)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Public. Do not disclose here what must stay secret, such as know-how."),
    )
    file = forms.FileField(
        label=_("The work"),
        required=False,
        widget=forms.FileInput(attrs={"data-sha256-file": ""}),
        help_text=_(
            "Your browser computes its SHA-256; the file is not sent unless you keep it "
            "on the platform."
        ),
    )
    work_sha256 = forms.CharField(
        label=_("SHA-256 of the work"),
        required=False,
        max_length=400,  # room for a whole line of sha256sum: the hash and the file's name
        widget=forms.TextInput(
            attrs={"data-sha256-target": "", "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text=_(
            "Filled in when you choose a file. Or paste the SHA-256 you computed yourself "
            "(for example with sha256sum): 64 hexadecimal characters."
        ),
    )
    keep_file = forms.BooleanField(
        label=_("Keep the file on the platform"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-sha256-keep": ""}),
        help_text=_(
            "Only the members of your organization and the fund's staff can download it. "
            "Otherwise the file is not kept: only its hash is registered."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations_for_registration(user=user)


class ShareField(forms.DecimalField):
    """A percent share; a decimal comma or point in any language (a share has no thousands)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class RightholderForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the person or organization"), max_length=MAX_NAME_LENGTH
    )
    inn = forms.CharField(label=_("INN, if on the platform"), required=False, max_length=12)
    share = ShareField(
        label=_("Share, %"),
        max_digits=5,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def clean_inn(self):
        inn = self.cleaned_data["inn"].strip()
        if not inn:
            return None
        organization = organization_list_public().filter(inn=inn).first()
        if organization is None:
            raise ValidationError(
                _("No organization with this INN is on the platform."),
                code=IPRegistryErrorCode.UNKNOWN_INN,
            )
        return organization


def rightholder_formset(data=None, *, rows: int = DEFAULT_ROWS):
    """A formset of `rows` empty rows (at most MAX_RIGHTHOLDERS); empty rows are ignored."""
    formset_class = forms.formset_factory(
        RightholderForm,
        extra=max(1, min(rows, MAX_RIGHTHOLDERS)),
        max_num=MAX_RIGHTHOLDERS,
        absolute_max=MAX_RIGHTHOLDERS,
        validate_max=True,
    )
    return formset_class(data, prefix="rightholders")


def rightholders_from(formset) -> list[dict]:
    return [
        {"name": row["name"], "share": row["share"], "organization": row["inn"]}
        for row in formset.cleaned_data
        if row
    ]


def rightholder_formset_grown(data, *, more: int = DEFAULT_ROWS):
    """The rows in `data` as typed, unchecked, then `more` empty rows (MAX_RIGHTHOLDERS in all).

    The formset is unbound, so nothing is validated and no error shows. The typed rows are
    set as each form's initial rather than as the formset's `initial`: initial forms may not
    be left empty, and a kept empty row must stay as ignorable as a new one.
    """
    rows = [typed_values(form) for form in rightholder_formset(data).forms]
    formset = rightholder_formset(rows=len(rows) + more)
    for form, row in zip(formset.forms, rows, strict=False):
        form.initial = row
    if len(rows) < formset.total_form_count():  # the keyboard and the eye go to the first new row
        formset.forms[len(rows)].fields["name"].widget.attrs["autofocus"] = True
    return formset


def typed_values(form) -> dict:
    """What was typed into a bound form, unchecked: the initial of an unbound one."""
    return {name: form[name].data for name in form.fields}
