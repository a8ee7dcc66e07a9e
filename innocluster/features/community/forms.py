from django import forms
from django.utils.translation import gettext_lazy as _

from .models import REASON_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH


class PostForm(forms.Form):
    text = forms.CharField(
        label=_("Message"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text; links starting with http:// or https:// become clickable."),
    )
    mentioned_organization = forms.ModelChoiceField(
        label=_("Mention a member organization"),
        queryset=None,
        required=False,
        empty_label=_("— nobody —"),
        help_text=_("Its people are notified of the post."),
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("A PDF document or a picture, up to 10 MB."),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentioned_organization"].queryset = organizations
        self.fields["mentioned_organization"].label_from_instance = lambda o: o.short_name


class ThreadForm(PostForm):
    title = forms.CharField(label=_("Subject"), max_length=TITLE_MAX_LENGTH)
    field_order = ["title", "text", "mentioned_organization", "attachment"]


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for removal"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in place of the post and kept in the audit trail."),
    )
