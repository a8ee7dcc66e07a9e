"""Clusters with members for the tests of joint projects, the application and the register
(made directly: the membership's own services are tested with them)."""

import datetime as dt
from decimal import Decimal

from innocluster.features.clusters.models import Cluster, ClusterMember
from innocluster.features.clusters.services import projects

from ..factories import OrganizationFactory, member_of, with_status


def a_cluster(*, counting: int = 0, partners: int = 0, plain: int = 0, **fields):
    """A cluster whose lead is an administrator member with active participant status, plus
    `counting - 1` more participants, `partners` partners and `plain` members without status.
    Returns (cluster, lead owner)."""
    lead = with_status(OrganizationFactory())
    cluster = Cluster.objects.create(
        name=fields.pop("name", "Кластер медицинских технологий"),
        aims="Совместная разработка",
        description_ru="Описание",
        lead_organization=lead,
        **fields,
    )
    ClusterMember.objects.create(cluster=cluster, organization=lead, is_admin=True)
    members = [with_status(OrganizationFactory()) for _ in range(max(counting - 1, 0))]
    members += [with_status(OrganizationFactory(region="50"), "partner") for _ in range(partners)]
    members += [OrganizationFactory() for _ in range(plain)]
    ClusterMember.objects.bulk_create(
        ClusterMember(cluster=cluster, organization=o) for o in members
    )
    return cluster, member_of(lead, "owner")


def member_orgs(cluster):
    return [m.organization for m in cluster.members.select_related("organization")]


PROJECT = {
    "name": "Носимый кардиомонитор",
    "goal": "Разработать кардиомонитор",
    "expected_result": "Опытный образец",
    "budget": Decimal("12500000.00"),
    "budget_sources": "Собственные средства, грант",
    "starts_on": dt.date(2026, 1, 15),
    "ends_on": dt.date(2027, 12, 31),
    "target_trl": 6,
}


def a_project(cluster, admin, participants=None, **fields):
    orgs = participants or [m.organization_id for m in cluster.members.all()[:2]]
    return projects.project_create(
        cluster=cluster, actor=admin, participants=orgs, **{**PROJECT, **fields}
    )


def submitted_application(cluster, owner):
    """The cluster's application, complete and submitted by the lead's `owner`."""
    from innocluster.features.clusters.services.application import cluster_application_create
    from innocluster.platform.reviews import services as kit

    from ..pdfs import pdf_file

    application = cluster_application_create(cluster=cluster, actor=owner)
    kit.submission_update(
        submission=application, actor=owner, fields={"contact_phone": "+7 495 000-00-00"}
    )
    kit.submission_document_add(submission=application, actor=owner, upload=pdf_file())
    kit.case_submit(case=application.case, actor=owner)
    return type(application).objects.get(pk=application.pk)
