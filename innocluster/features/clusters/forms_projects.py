from django import forms
from django.utils.translation import gettext_lazy as _

from innocluster.core.forms import ServiceModelForm
from innocluster.platform.organizations.choices import ProductCategory
from innocluster.platform.reviews.models import REASON_MAX_LENGTH

from .models import MilestoneState, Project, ProjectNeed
from .models.projects import NEED_MAX_LENGTH, ROLE_MAX_LENGTH, TEXT_MAX_LENGTH
from .services.register import KEPT, RESTORED, REVOKED, SUSPENDED

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(ServiceModelForm):
    class Meta:
        model = Project
        fields = [
            "name",
            "goal",
            "expected_result",
            "budget",
            "budget_sources",
            "starts_on",
            "ends_on",
            "target_trl",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "goal": forms.Textarea(attrs={"rows": 3}),
            "expected_result": forms.Textarea(attrs={"rows": 3}),
            "budget_sources": forms.Textarea(attrs={"rows": 2}),
        }


class ProjectCreateForm(ProjectForm):
    participants = forms.TypedMultipleChoiceField(
        label=_("Member organizations taking part"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least two; set their roles on the project's page."),
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = list(members)


class ParticipantForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("Member organization"), coerce=int)
    role = forms.CharField(
        label=_("Role in the project"), required=False, max_length=ROLE_MAX_LENGTH
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = list(members)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=DATE)


class MilestoneRecordForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (MilestoneState.DONE, MilestoneState.DONE.label),
            (MilestoneState.MISSED, MilestoneState.MISSED.label),
        ],
    )
    result = forms.CharField(
        label=_("Result"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NeedForm(forms.ModelForm):
    class Meta:
        model = ProjectNeed
        fields = ["category", "description"]
        labels = {"category": _("Product category")}

    category = forms.ChoiceField(label=_("Product category"), choices=ProductCategory.choices)
    description = forms.CharField(label=_("What is needed"), max_length=NEED_MAX_LENGTH)

    def _post_clean(self):
        pass


class ClusterStatusChangeForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (SUSPENDED, _("Suspend the status")),
            (KEPT, _("Keep the status for now")),
            (RESTORED, _("Restore the status")),
            (REVOKED, _("Revoke the status")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=REASON_MAX_LENGTH
    )
