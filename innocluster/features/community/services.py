"""Writes of the community: threads, posts, moderation and following.

Each service takes the caller's `Standing` in the cluster (`selectors.standing`), so who may
do what is decided in one place; a thread the caller may not see never reaches a service (the
selectors 404 first). Every write runs in one transaction: a refused post leaves no row, no
file and no notification behind."""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innocluster.core.audit import audit_record, change, register_actions
from innocluster.core.errors import Conflict, PermissionDenied
from innocluster.core.files import PDF_MAGIC, files_deleted_on_rollback, pdf_name, safe_name
from innocluster.core.limits import require_max_length
from innocluster.core.uploads import validate_image, validate_pdf
from innocluster.features.clusters import selectors as clusters

from . import notifications
from .errors import CommunityErrorCode
from .models import REASON_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, Follow, Post, Thread
from .selectors import Standing

register_actions(
    {
        "community.thread_moderated": gettext_lazy("changed a discussion thread's settings"),
        "community.post_removed": gettext_lazy("removed a post from a discussion"),
    }
)

# The settings only an administrator changes.
MODERATION_FIELDS = ("is_pinned", "is_closed", "is_public", "is_announcement")


def _require_member(standing: Standing) -> None:
    if not standing.is_member:
        raise PermissionDenied(
            _(
                "Only the people of the cluster's member organizations take part "
                "in its discussions."
            ),
            code=CommunityErrorCode.NOT_A_MEMBER_PERSON,
        )


def _require_admin(standing: Standing) -> None:
    if not standing.is_admin:
        raise PermissionDenied(
            _("Only the cluster's administrators do this."),
            code=CommunityErrorCode.NOT_AN_ADMINISTRATOR,
        )


def _clean_text(field: str, text: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(
            {field: ValidationError(_("Write something here."), code=CommunityErrorCode.TEXT_EMPTY)}
        )
    require_max_length(field, text, limit)
    return text


def _check_attachment(upload) -> str:
    """Check an attachment by its content: a PDF (as every document of the platform) or a
    picture; anything else is refused. Returns the name to download it under."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if head.lstrip().startswith(PDF_MAGIC):
        try:
            validate_pdf(upload, max_bytes=settings.DOCUMENT_MAX_BYTES)
        except ValidationError as error:
            raise ValidationError({"attachment": error}) from None
        return pdf_name(upload.name)  # stored and downloaded as .pdf, whatever it was called
    try:
        extension = validate_image(upload, max_bytes=settings.DOCUMENT_MAX_BYTES)
    except ValidationError as error:
        if error.code != "not_an_image":
            raise ValidationError({"attachment": error}) from None
        message = _("Attach a PDF document or a picture (PNG, JPEG, WebP or GIF).")
        raise ValidationError(
            {"attachment": ValidationError(message, code=CommunityErrorCode.ATTACHMENT_TYPE)}
        ) from None
    # The extension the content check found, not the uploader's.
    return f"{PurePosixPath(safe_name(upload.name)).stem}.{extension}"


def _check_mention(standing: Standing, organization):
    if organization is None:
        return None
    if organization.pk not in clusters.member_organization_ids(cluster=standing.cluster):
        message = _("Only a member organization of the cluster can be mentioned.")
        raise ValidationError(
            {
                "mentioned_organization": ValidationError(
                    message, code=CommunityErrorCode.MENTION_NOT_A_MEMBER
                )
            }
        )
    return organization


@transaction.atomic
def thread_create(
    *,
    standing: Standing,
    actor,
    title: str,
    text: str,
    attachment=None,
    mentioned_organization=None,
) -> Thread:
    """Start a thread with its first post; the author follows it. Members-only: an
    administrator opens it to everyone."""
    _require_member(standing)
    title = _clean_text("title", title, TITLE_MAX_LENGTH)
    thread = Thread.objects.create(cluster=standing.cluster, title=title, author=actor)
    post_create(
        standing=standing,
        thread=thread,
        actor=actor,
        text=text,
        attachment=attachment,
        mentioned_organization=mentioned_organization,
    )
    thread.refresh_from_db()
    return thread


def post_create(
    *,
    standing: Standing,
    thread: Thread,
    actor,
    text: str,
    attachment=None,
    mentioned_organization=None,
) -> Post:
    """Add a post to an open thread. The thread's count and last activity move with it under
    the thread's row lock, so a concurrent close is either before (refused) or after. Its
    attachment's file is deleted again if anything after it fails
    (core.files.files_deleted_on_rollback)."""
    with files_deleted_on_rollback() as written, transaction.atomic():
        return _post_create(
            standing, thread, actor, text, attachment, mentioned_organization, written
        )


def _post_create(
    standing, thread, actor, text, attachment, mentioned_organization, written
) -> Post:
    _require_member(standing)
    text = _clean_text("text", text, TEXT_MAX_LENGTH)
    mentioned = _check_mention(standing, mentioned_organization)
    name = _check_attachment(attachment) if attachment else ""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    if locked.is_closed:
        raise Conflict(
            _("The thread is closed: no new posts are accepted."),
            code=CommunityErrorCode.THREAD_CLOSED,
        )
    now = timezone.now()
    post = Post(
        thread=locked,
        author=actor,
        text=text,
        mentioned_organization=mentioned,
        attachment_name=name[:200],
        created_at=now,
    )
    if attachment:
        written.save(post.attachment, name, attachment)
    post.save()
    Thread.objects.filter(pk=locked.pk).update(post_count=F("post_count") + 1, last_activity_at=now)
    locked.post_count += 1  # under the lock, so the same as the row's
    locked.last_activity_at = now
    Follow.objects.get_or_create(thread=locked, user=actor)
    post.thread = locked
    notifications.notify_new_post(post)
    return post


@transaction.atomic
def thread_update(*, standing: Standing, thread: Thread, actor, **changes) -> Thread:
    """Rename a thread (its author or an administrator) or change its moderation settings
    (administrators only: pinned, closed, public, announcement). Recorded in the audit trail."""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    moderation = {k: bool(v) for k, v in changes.items() if k in MODERATION_FIELDS}
    if moderation:
        _require_admin(standing)
    if "title" in changes:
        if not standing.is_admin and (actor is None or locked.author_id != actor.pk):
            raise PermissionDenied(
                _("Only the author or an administrator renames a thread."),
                code=CommunityErrorCode.NOT_THE_AUTHOR,
            )
        moderation["title"] = _clean_text("title", changes["title"], TITLE_MAX_LENGTH)
    diff = {
        k: change(getattr(locked, k), v) for k, v in moderation.items() if getattr(locked, k) != v
    }
    if not diff:
        return locked
    for name, values in diff.items():
        setattr(locked, name, values["to"])
    locked.save(update_fields=list(diff))
    audit_record(
        actor=actor,
        action="community.thread_moderated",
        target=locked,
        changes={**diff, "cluster": standing.cluster.pk},
    )
    return locked


@transaction.atomic
def post_remove(*, standing: Standing, post: Post, actor, reason: str) -> Post:
    """Remove a post (administrators only) with a reason that is shown in its place and kept
    in the audit trail with the text that was removed."""
    _require_admin(standing)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Say why the post is removed."), code=CommunityErrorCode.REASON_REQUIRED
                )
            }
        )
    require_max_length("reason", reason, REASON_MAX_LENGTH)
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.is_removed:
        raise Conflict(_("The post is already removed."), code=CommunityErrorCode.POST_REMOVED)
    locked.removed_at = timezone.now()
    locked.removed_by = actor
    locked.removal_reason = reason
    locked.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    audit_record(
        actor=actor,
        action="community.post_removed",
        target=locked,
        changes={"reason": reason, "text": locked.text, "thread": locked.thread_id},
    )
    return locked


def thread_follow(*, standing: Standing, thread: Thread, actor) -> bool:
    """Follow a thread (any person who reads it and is signed in); idempotent."""
    Follow.objects.get_or_create(thread=thread, user=actor)
    return True


def thread_unfollow(*, standing: Standing, thread: Thread, actor) -> bool:
    Follow.objects.filter(thread=thread, user=actor).delete()
    return False
