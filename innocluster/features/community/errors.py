"""The community's error codes: what the API's problem+json and the tests see."""

from innocluster.core.errors import ErrorCode


class CommunityErrorCode(ErrorCode):
    THREAD_CLOSED = "thread_closed"  # a post to a closed thread (409)
    NOT_A_MEMBER_PERSON = "not_a_member_person"  # reads a public thread but may not post (403)
    NOT_AN_ADMINISTRATOR = "not_an_administrator"  # moderation by a non-administrator (403)
    NOT_THE_AUTHOR = "not_the_author"  # renaming somebody else's thread (403)
    TEXT_EMPTY = "text_empty"  # a post or a title of white space only
    MENTION_NOT_A_MEMBER = "mention_not_a_member"  # mentioning an organization not in the cluster
    REASON_REQUIRED = "reason_required"  # a removal without a reason
    POST_REMOVED = "post_removed"  # removing a post already removed (409)
    ATTACHMENT_TYPE = "attachment_type"  # neither a PDF nor an image
