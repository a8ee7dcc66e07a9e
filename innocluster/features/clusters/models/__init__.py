from .clusters import Cluster, ClusterInvitation, ClusterJoinRequest, ClusterMember

__all__ = ["Cluster", "ClusterInvitation", "ClusterJoinRequest", "ClusterMember"]
