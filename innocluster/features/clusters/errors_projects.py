"""Error codes of joint projects, the status application and the cluster register (kept apart
from the membership's `errors.py` so the parts merge without touching each other)."""

from innocluster.core.errors import ErrorCode


class ClusterProjectErrorCode(ErrorCode):
    TOO_FEW_PARTICIPANTS = "too_few_participants"  # a project needs two member organizations
    NOT_A_MEMBER = "not_a_cluster_member"  # a participant that is not a member of the cluster
    ENDS_BEFORE_START = "ends_before_start"
    OUTSIDE_PROJECT_DATES = "outside_project_dates"  # a milestone outside the project's dates
    TOO_FEW_COUNTING_MEMBERS = "too_few_counting_members"  # fewer than 30 (decree 435-PP)
    NO_JOINT_PROJECT = "no_joint_project"
    NOT_LEAD = "not_cluster_lead"  # only the lead organization applies for the cluster
    CLUSTER_STATUS_STATE = "cluster_status_state"  # the status does not allow the change (409)
