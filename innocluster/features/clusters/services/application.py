"""Applying for the status of an intersectoral cluster (Moscow decree 435-PP): a kind of the
one review pipeline. The lead organization is the applicant of record; the owners and editors
of any member holding active participant status make the application (decree 435-PP: any
participant applies from its account), the draft filled from the cluster and the account.
Complete with at least 30 counting members (active participants; partners do not count) and
one joint project. Submission keeps the members as they stand; approval gives the register
number and the status (services/register.py)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.errors import NotFound
from innocluster.platform.reviews import services as reviews
from innocluster.platform.reviews.errors import ReviewErrorCode
from innocluster.platform.reviews.kinds import CONTACT_FIELDS, ReviewKind, missing_contact, register
from innocluster.platform.status.models import Status

from ..choices import MIN_COUNTING_MEMBERS, ClusterStatus
from ..errors_projects import ClusterProjectErrorCode as Code
from ..models import (
    ClusterApplication,
    ClusterApplicationDocument,
    ClusterMember,
    MemberSnapshot,
    Project,
)
from ..selectors import clusters_counting, counting_member_count, counting_members
from .register import cluster_status_grant

CASE_KIND = "clusters.status"


def cluster_application_create(*, cluster, actor, **fields) -> ClusterApplication:
    """Open a draft for `cluster` (one open at a time): `actor` acts for a member holding
    active participant status; the lead organization is the applicant of record."""
    return reviews.submission_create(
        kind=CASE_KIND,
        organization=cluster.lead_organization,
        actor=actor,
        fields={"cluster": cluster, **fields},
    )


def missing_for_status(cluster) -> list[ValidationError]:
    """What keeps `cluster` from the status, every item at once: '27 of 30 counting members',
    'no joint project'. Two indexed queries, whatever the number of members."""
    errors = []
    counting = counting_member_count(cluster)
    if counting < MIN_COUNTING_MEMBERS:
        text = _(
            "%(count)d of %(minimum)d counting members: members with active participant "
            "status (partners do not count)."
        ) % {"count": counting, "minimum": MIN_COUNTING_MEMBERS}
        errors.append(ValidationError(text, code=Code.TOO_FEW_COUNTING_MEMBERS))
    if not Project.objects.filter(cluster=cluster).exists():
        text = _("No joint project: add at least one.")
        errors.append(ValidationError(text, code=Code.NO_JOINT_PROJECT))
    return errors


def snapshot_members(application: ClusterApplication) -> None:
    """A row per member as it stands now: counted or not, its status's register number."""
    application.member_snapshots.all().delete()
    statuses = {
        s.organization_id: s
        for s in Status.objects.filter(
            organization__cluster_memberships__cluster=application.cluster
        )
    }
    rows = []
    members = ClusterMember.objects.filter(cluster=application.cluster).select_related(
        "organization"
    )
    for member in members:
        status = statuses.get(member.organization_id)
        counted = bool(status and status.kind == "participant" and status.state == "active")
        rows.append(
            MemberSnapshot(
                application=application,
                organization=member.organization,
                short_name=member.organization.short_name[:300],
                inn=member.organization.inn,
                counted=counted,
                status_register_number=status.register_number if status else "",
            )
        )
    MemberSnapshot.objects.bulk_create(rows, batch_size=500)


class ClusterApplicationKind(ReviewKind):
    code, prefix = CASE_KIND, "MC"  # case numbers MC-000042
    label = gettext_lazy("status of an intersectoral cluster")
    model, document_model = ClusterApplication, ClusterApplicationDocument
    editable_fields, creation_fields = CONTACT_FIELDS, ("cluster",)
    url_namespace = "clusters"

    @property
    def detail_template(self) -> str:
        return "clusters/application/detail.html"

    def draft_values(self, *, organization, actor, fields):
        cluster = fields.get("cluster")
        if cluster is None or cluster.lead_organization_id != getattr(organization, "pk", None):
            raise NotFound(_("Cluster not found."))
        if cluster.status == ClusterStatus.ACTIVE:
            refusal = ValidationError(
                _("The cluster holds the status already (register number %(number)s).")
                % {"number": cluster.register_number},
                code=Code.CLUSTER_STATUS_STATE,
            )
            raise ValidationError({"cluster": refusal})
        values = super().draft_values(organization=organization, actor=actor, fields=fields)
        return {**values, "cluster": cluster}

    def acting_organization_ids(self, *, organization, fields):
        """Any member holding active participant status applies for its cluster: its owners
        and editors open, fill, submit and withdraw the one application, its people read it
        (the lead stays the applicant of record)."""
        cluster = fields.get("cluster")
        if cluster is None:
            return set()
        return counting_members(cluster).values("organization_id")

    def applicant_people(self, case):
        """The cluster's news goes to the people of the lead and of the administrator members,
        and to whoever opened the application (any counting member may): not to every person
        of up to a thousand members."""
        cluster_id = case.cluster_application.cluster_id
        admins = ClusterMember.objects.filter(cluster_id=cluster_id, is_admin=True)
        people = Q(memberships__organization_id=case.organization_id)
        people |= Q(memberships__organization_id__in=admins.values("organization_id"))
        return get_user_model().objects.filter(people | Q(pk=case.created_by_id)).distinct()

    def acting_cases(self, organization_ids):
        return Q(cluster_application__cluster__in=clusters_counting(organization_ids))

    def submission_queryset(self):
        return super().submission_queryset().select_related("cluster")

    def check_complete(self, case):
        application = case.cluster_application
        errors = missing_contact(application)
        missing = missing_for_status(application.cluster)
        if missing:
            errors["cluster"] = missing
        if not application.documents.exists():
            text = _("Attach the cluster's agreement (PDF).")
            errors["documents"] = [ValidationError(text, code=ReviewErrorCode.MISSING_DOCUMENT)]
        if errors:
            raise ValidationError(errors)

    def on_submit(self, case, actor):
        super().on_submit(case, actor)
        snapshot_members(case.cluster_application)

    def on_approve(self, case, actor):
        cluster_status_grant(cluster=case.cluster_application.cluster, case=case, actor=actor)


register(ClusterApplicationKind())
