"""Reads that depend on who asks. What the caller may not see is a 404, never a 403.

A thread is read by the member people of its cluster (`clusters.selectors.is_member_person`);
a public thread, and an announcement, by anybody who sees the cluster (a public cluster is
seen by everyone). Everybody else gets a 404 for it, its posts and its attachments."""

from dataclasses import dataclass

from django.http import Http404

from innocluster.features.clusters import selectors as clusters
from innocluster.platform.organizations.models import Organization

from .models import Follow, Post, Thread

PAGE_SIZE = 50
# What a thread page shows of a post and its author and mentioned organization: a page builds
# 50 posts with two related rows each, and all their columns cost a fifth of the page.
PAGE_FIELDS = (
    "thread_id",
    "text",
    "created_at",
    "attachment",
    "attachment_name",
    "removed_at",
    "removal_reason",
    "author__full_name",
    "mentioned_organization__short_name",
)


@dataclass(frozen=True)
class Standing:
    """Who the caller is in one cluster: asked once per request."""

    cluster: object
    is_member: bool
    is_admin: bool


def standing(*, user, cluster_pk) -> Standing:
    """The cluster if the caller may see it (404 otherwise) and their part in it."""
    cluster = clusters.cluster_get_visible(user=user, pk=cluster_pk)
    member = clusters.is_member_person(user=user, cluster=cluster)
    admin = member and clusters.is_administrator(user=user, cluster=cluster)
    return Standing(cluster=cluster, is_member=member, is_admin=admin)


def thread_list_visible(*, standing: Standing, query: str = ""):
    threads = Thread.objects.filter(cluster=standing.cluster)
    if not standing.is_member:
        threads = threads.open_to_all()
    if query:
        threads = threads.filter(title__icontains=query.strip())
    return threads.select_related("author").in_list_order()


def thread_get_visible(*, standing: Standing, pk, lock: bool = False) -> Thread:
    threads = thread_list_visible(standing=standing)
    if lock:
        threads = Thread.objects.select_for_update().filter(pk__in=threads.values("pk"))
    try:
        return threads.get(pk=pk)
    except (Thread.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def post_get_visible(*, thread: Thread, pk) -> Post:
    try:
        return thread.posts.select_related("author", "removed_by").get(pk=pk)
    except (Post.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def attachment_get(*, thread: Thread, pk) -> Post:
    """A post whose attachment the caller may download: never a removed post's."""
    post = post_get_visible(thread=thread, pk=pk)
    if post.is_removed or not post.attachment:
        raise Http404
    return post


@dataclass
class PostPage:
    posts: list
    newer: int | None  # the `after` cursor of the next page, or None at the end
    older: int | None  # the `before` cursor of the previous page, or None at the start


def _page_rows(thread: Thread):
    return thread.posts.select_related("author", "mentioned_organization").only(*PAGE_FIELDS)


def post_page(*, thread: Thread, after=None, before=None, size: int = PAGE_SIZE) -> PostPage:
    """One page of a thread's posts, oldest first, by keyset on the post id: `after` an id
    (the next page), `before` an id (the previous one), or neither (the first page). One
    indexed range scan of `size + 1` rows whatever the thread's length; no COUNT."""
    posts = _page_rows(thread)
    if before is not None:
        rows = list(posts.filter(pk__lt=before).order_by("-id")[: size + 1])
        more = len(rows) > size
        rows = rows[:size][::-1]
        older = rows[0].pk if more and rows else None
        newer = rows[-1].pk if rows else None
        return PostPage(rows, newer, older)
    if after is not None:
        posts = posts.filter(pk__gt=after)
    rows = list(posts.order_by("id")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    newer = rows[-1].pk if more else None
    older = rows[0].pk if after is not None and rows else None
    return PostPage(rows, newer, older)


def last_page(*, thread: Thread, size: int = PAGE_SIZE) -> PostPage:
    """The newest posts (where a reader of a long thread goes)."""
    rows = list(_page_rows(thread).order_by("-id")[: size + 1])
    older = rows[size - 1].pk if len(rows) > size else None
    return PostPage(rows[:size][::-1], None, older)


def is_following(*, user, thread: Thread) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(thread=thread, user=user).exists()


def followed_thread_ids(*, user, threads) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    ids = [t.pk for t in threads]
    return set(
        Follow.objects.filter(user=user, thread_id__in=ids).values_list("thread_id", flat=True)
    )


def announcements_for(cluster, user, limit: int = 3) -> list[Thread]:
    """The newest announcements of `cluster` that `user` may read, for the cluster page: to
    everyone in a public cluster, to member people in a private one (the cluster page itself is
    a 404 to anybody else)."""
    if not cluster.is_public and not clusters.is_member_person(user=user, cluster=cluster):
        return []
    threads = Thread.objects.filter(cluster=cluster, is_announcement=True)
    return list(threads.select_related("author").order_by("-created_at", "-id")[:limit])


def mentionable_organizations(*, cluster):
    """The member organizations a post may mention."""
    ids = clusters.member_organization_ids(cluster=cluster)
    return Organization.objects.filter(pk__in=ids).order_by("short_name", "id")
