"""The submission kit's contract, run for the application for the status of an intersectoral
cluster."""

from innocluster.features.clusters.models import Cluster
from innocluster.features.clusters.services.application import CASE_KIND
from innocluster.platform.reviews import services

from ..reviews.contract import Plug, SubmissionContract
from .projects_helpers import a_cluster, a_project


class ClusterPlug(Plug):
    kind = CASE_KIND
    api_path = "/api/v1/cluster-applications/"

    def __init__(self):
        self.cluster = None

    def organization(self):
        """The lead of a cluster with 30 counting members and a joint project."""
        self.cluster, admin = a_cluster(counting=30)
        a_project(self.cluster, admin)
        return self.cluster.lead_organization

    def creation_fields(self):
        return {"cluster": self.cluster}

    def api_creation_fields(self):
        return {"cluster": self.cluster.pk}

    def complete(self, submission, actor):
        fields = {"contact_phone": "+7 495 000-00-00"}
        services.submission_update(submission=submission, actor=actor, fields=fields)
        self.add_document(submission, actor)
        return submission

    def approved(self, case):
        cluster = Cluster.objects.get(pk=case.cluster_application.cluster_id)
        return cluster.status == "active" and bool(cluster.register_number)


class TestClusterApplicationContract(SubmissionContract):
    plug_class = ClusterPlug
