"""Writes of joint projects. Administrators of the cluster create and change projects, their
participants and needs; the acting people of a participating organization (and the
administrators) record what a milestone came to.

Decisions: a project has at least two participants, each a member of the cluster when added
(a member that later leaves stays in the project's history); a milestone falls within the
project's dates, and the dates cannot move to leave a milestone outside them. Every write is
one transaction under the project's row lock and an audit event."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, register_actions
from innocluster.core.errors import NotFound
from innocluster.core.filters import id_or_none

from .. import selectors
from ..errors_projects import ClusterProjectErrorCode as Code
from ..models import Milestone, MilestoneState, Project, ProjectNeed, ProjectParticipant

register_actions(
    {
        "cluster_project.created": gettext_lazy("created a joint project"),
        "cluster_project.changed": gettext_lazy("changed a joint project"),
        "cluster_project.milestone": gettext_lazy("recorded a milestone of a joint project"),
    }
)

PROJECT_FIELDS = (
    "name",
    "goal",
    "expected_result",
    "budget",
    "budget_sources",
    "starts_on",
    "ends_on",
    "target_trl",
)
MIN_PARTICIPANTS = 2


def _refuse(field: str, message: str, code: str):
    raise ValidationError({field: ValidationError(message, code=code)})


def require_administrator(*, cluster, actor) -> None:
    """Only the cluster's administrators change its projects: to anybody else they are
    read-only, and a write is answered as if the thing did not exist (404)."""
    if not selectors.is_administrator(user=actor, cluster=cluster):
        raise NotFound(_("Project not found."))


def _participants(cluster, participants) -> list[tuple[int, str]]:
    """(organization id, role) pairs, checked: at least two, each a member of the cluster."""
    pairs, seen = [], set()
    for item in participants or ():
        org_id, role = (item, "") if not isinstance(item, (tuple, list)) else item
        org_id = id_or_none(org_id)
        if org_id is not None and org_id not in seen:
            seen.add(org_id)
            pairs.append((org_id, (role or "").strip()))
    if len(pairs) < MIN_PARTICIPANTS:
        _refuse(
            "participants",
            _("A joint project needs at least two member organizations."),
            Code.TOO_FEW_PARTICIPANTS,
        )
    outsiders = {org for org, _role in pairs} - selectors.member_organization_ids(cluster=cluster)
    if outsiders:
        _refuse(
            "participants",
            _("Only members of the cluster take part in its projects."),
            Code.NOT_A_MEMBER,
        )
    return pairs


def _check_dates(project: Project) -> None:
    if not all(isinstance(d, dt.date) for d in (project.starts_on, project.ends_on)):
        return  # full_clean says what is wrong with them
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        _refuse("ends_on", _("The project cannot end before it starts."), Code.ENDS_BEFORE_START)
    if (
        project.pk
        and project.milestones.exclude(due_on__range=(project.starts_on, project.ends_on)).exists()
    ):
        _refuse(
            "ends_on",
            _("A milestone would fall outside the project's dates: move it first."),
            Code.OUTSIDE_PROJECT_DATES,
        )


def _check_role(role: str) -> None:
    if len(role) > ProjectParticipant._meta.get_field("role").max_length:
        _refuse("participants", _("A role is at most 200 characters."), "max_length")


def project_create(*, cluster, actor, participants, **fields) -> Project:
    """A project of `cluster` with at least two of its members (pairs of organization id and
    role, or ids): all of it or nothing."""
    require_administrator(cluster=cluster, actor=actor)
    pairs = _participants(cluster, participants)
    for _org, role in pairs:
        _check_role(role)
    project = Project(cluster=cluster, created_by=actor, **_known(fields))
    _check_dates(project)
    project.full_clean(exclude=["cluster", "created_by"])
    with transaction.atomic():
        project.save()
        ProjectParticipant.objects.bulk_create(
            ProjectParticipant(project=project, organization_id=org, role=role)
            for org, role in pairs
        )
        _audit(actor, "created", project)
    return project


def project_update(*, project: Project, actor, **fields) -> Project:
    require_administrator(cluster=project.cluster, actor=actor)
    with transaction.atomic():
        project = _locked(project)
        for name, value in _known(fields).items():
            setattr(project, name, value)
        _check_dates(project)
        project.full_clean(exclude=["cluster", "created_by"])
        project.save()
        _audit(actor, "changed", project, changes=sorted(_known(fields)))
    return project


def participant_set(*, project: Project, actor, organization_id, role: str = "") -> None:
    """Add a member organization to the project, or change its role."""
    require_administrator(cluster=project.cluster, actor=actor)
    role = (role or "").strip()
    _check_role(role)
    org_id = id_or_none(organization_id)
    if org_id not in selectors.member_organization_ids(cluster=project.cluster):
        _refuse(
            "organization",
            _("Only members of the cluster take part in its projects."),
            Code.NOT_A_MEMBER,
        )
    with transaction.atomic():
        project = _locked(project)
        ProjectParticipant.objects.update_or_create(
            project=project, organization_id=org_id, defaults={"role": role}
        )
        _audit(actor, "changed", project, changes=["participants"])


def participant_remove(*, project: Project, actor, organization_id) -> None:
    """Take an organization out of the project; never below two participants."""
    require_administrator(cluster=project.cluster, actor=actor)
    with transaction.atomic():
        project = _locked(project)
        rows = project.participants.filter(organization_id=id_or_none(organization_id))
        if not rows.exists():
            raise NotFound(_("The organization does not take part in this project."))
        if project.participants.count() <= MIN_PARTICIPANTS:
            _refuse(
                "organization",
                _("A joint project needs at least two member organizations."),
                Code.TOO_FEW_PARTICIPANTS,
            )
        rows.delete()
        _audit(actor, "changed", project, changes=["participants"])


def milestone_add(*, project: Project, actor, title: str, due_on) -> Milestone:
    require_administrator(cluster=project.cluster, actor=actor)
    with transaction.atomic():
        project = _locked(project)
        milestone = Milestone(project=project, title=(title or "").strip(), due_on=due_on)
        milestone.full_clean(exclude=["project", "recorded_by"])
        if not project.starts_on <= milestone.due_on <= project.ends_on:
            _refuse(
                "due_on",
                _("A milestone falls within the project's dates (%(start)s – %(end)s).")
                % {"start": _date(project.starts_on), "end": _date(project.ends_on)},
                Code.OUTSIDE_PROJECT_DATES,
            )
        milestone.save()
        _audit(actor, "changed", project, changes=["milestones"])
    return milestone


def milestone_remove(*, milestone: Milestone, actor) -> None:
    require_administrator(cluster=milestone.project.cluster, actor=actor)
    with transaction.atomic():
        _locked(milestone.project)
        Milestone.objects.filter(pk=milestone.pk).delete()
        _audit(actor, "changed", milestone.project, changes=["milestones"])


def may_record(*, user, project: Project) -> bool:
    """The acting people of a participating organization, and the administrators."""
    acting = selectors.acting_member_organizations(user=user, cluster=project.cluster)
    ids = set(acting.values_list("organization_id", flat=True))
    if project.participants.filter(organization_id__in=ids).exists():
        return True
    return selectors.is_administrator(user=user, cluster=project.cluster)


def milestone_record(*, milestone: Milestone, actor, state: str, result: str = "") -> Milestone:
    """Record that a milestone was reached (with its result) or missed."""
    if not may_record(user=actor, project=milestone.project):
        raise NotFound(_("Project not found."))
    if state not in MilestoneState.values:
        _refuse("state", _("Choose whether the milestone was reached or missed."), "invalid_choice")
    result = (result or "").strip()
    if state == MilestoneState.DONE and not result:
        _refuse("result", _("Say what the milestone came to."), "required")
    with transaction.atomic():
        _locked(milestone.project)
        milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
        milestone.state, milestone.result = state, result
        milestone.recorded_by, milestone.recorded_at = actor, timezone.now()
        milestone.full_clean(exclude=["project", "recorded_by"])
        milestone.save(update_fields=["state", "result", "recorded_by", "recorded_at"])
        audit_record(
            actor=actor,
            action="cluster_project.milestone",
            target=milestone.project,
            changes={"milestone": milestone.pk, "state": state},
        )
    return milestone


def need_add(*, project: Project, actor, category: str, description: str) -> ProjectNeed:
    require_administrator(cluster=project.cluster, actor=actor)
    need = ProjectNeed(project=project, category=category, description=(description or "").strip())
    need.full_clean(exclude=["project"])
    with transaction.atomic():
        _locked(project)
        need.save()
        _audit(actor, "changed", project, changes=["needs"])
    return need


def need_remove(*, need: ProjectNeed, actor) -> None:
    require_administrator(cluster=need.project.cluster, actor=actor)
    with transaction.atomic():
        _locked(need.project)
        ProjectNeed.objects.filter(pk=need.pk).delete()
        _audit(actor, "changed", need.project, changes=["needs"])


def _known(fields: dict) -> dict:
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:  # a caller's bug: forms and serializers list only these
        raise ValueError(f"not a project field: {sorted(unknown)}")
    return fields


def _locked(project: Project) -> Project:
    return Project.objects.select_for_update().select_related("cluster").get(pk=project.pk)


def _audit(actor, verb: str, project: Project, changes=None) -> None:
    audit_record(
        actor=actor,
        action=f"cluster_project.{verb}",
        target=project,
        changes={"fields": changes} if changes else {},
    )


def _date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")
