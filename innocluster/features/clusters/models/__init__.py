from .clusters import Cluster, ClusterInvitation, ClusterJoinRequest, ClusterMember

__all__ = ["Cluster", "ClusterInvitation", "ClusterJoinRequest", "ClusterMember"]
from .application import (  # noqa: E402
    ClusterApplication,
    ClusterApplicationDocument,
    ClusterStatusChange,
    MemberSnapshot,
    RegisterCounter,
)
from .projects import Milestone, MilestoneState, Project, ProjectNeed, ProjectParticipant  # noqa: E402

__all__ += [
    "ClusterApplication",
    "ClusterApplicationDocument",
    "ClusterStatusChange",
    "MemberSnapshot",
    "Milestone",
    "MilestoneState",
    "Project",
    "ProjectNeed",
    "ProjectParticipant",
    "RegisterCounter",
]
