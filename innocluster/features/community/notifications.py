"""What the community tells people: a new post to the followers of its thread (not its
author), and a mention to the people of the mentioned organization; each in the reader's own
language. One query for the recipients and one bulk insert, however many follow."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innocluster.features.clusters import selectors as clusters
from innocluster.platform.notifications.kinds import NotificationKind, register
from innocluster.platform.notifications.services import notification_send
from innocluster.platform.organizations.selectors import people_of

NEW_POST = register(
    NotificationKind(
        "community.new_post",
        _("A new post in “{thread}”"),
        _("{author} wrote in the discussion of the cluster {cluster}."),
    )
)
MENTIONED = register(
    NotificationKind(
        "community.mentioned",
        _("{organization} is mentioned in “{thread}”"),
        _("{author} mentioned your organization in the discussion of the cluster {cluster}."),
    )
)


def _context(post) -> dict:
    thread = post.thread
    author = post.author
    name = author.full_name if author else ""
    return {"thread": thread.title, "cluster": thread.cluster.name, "author": name}


def _url(post) -> str:
    thread = post.thread
    path = reverse("community:thread", kwargs={"cluster_pk": thread.cluster_id, "pk": thread.pk})
    return f"{path}?after={post.pk - 1}#post-{post.pk}"


def notify_new_post(post) -> None:
    """Tell the people who follow the thread (but not the author), and the people of the
    mentioned organization (but not the author); somebody who is both hears once, of the
    mention."""
    author_pk = getattr(post.author, "pk", None)
    mentioned = set()
    if post.mentioned_organization_id:
        people = list(
            people_of(organization_id=post.mentioned_organization_id).exclude(pk=author_pk)
        )
        mentioned = {p.pk for p in people}
        notification_send(
            recipients=people,
            kind=MENTIONED.code,
            context={**_context(post), "organization": post.mentioned_organization.short_name},
            url=_url(post),
        )
    followers = (
        get_user_model()
        .objects.filter(community_follows__thread_id=post.thread_id)
        .exclude(pk=author_pk)
        .exclude(pk__in=mentioned)
    )
    thread = post.thread
    if not (thread.cluster.is_public and (thread.is_public or thread.is_announcement)):
        # A follower who can no longer read the thread (their organization left the
        # cluster, the thread or the cluster was made private) hears nothing more of it.
        member_ids = clusters.member_organization_ids(cluster=thread.cluster)
        followers = followers.filter(memberships__organization_id__in=member_ids).distinct()
    notification_send(
        recipients=followers.iterator(chunk_size=2000),
        kind=NEW_POST.code,
        context=_context(post),
        url=_url(post),
    )
