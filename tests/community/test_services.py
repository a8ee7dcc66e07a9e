from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from innocluster.core.errors import Conflict, PermissionDenied
from innocluster.core.models import AuditEvent
from innocluster.features.clusters.models import ClusterMember
from innocluster.features.community import services
from innocluster.features.community.models import Follow, Post, Thread
from innocluster.platform.notifications.models import Notification
from innocluster.platform.organizations.models import Membership
from tests.factories import OrganizationFactory, UserFactory, member_of
from tests.pdfs import pdf_file

from .conftest import moderate, reply, standing, start

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_a_member_starts_a_thread_and_follows_it(world):
    thread = start(world.member, world.cluster, title="  Пилот на ВДНХ  ")
    assert thread.title == "Пилот на ВДНХ"
    assert thread.post_count == 1 and not thread.is_public
    assert Follow.objects.filter(thread=thread, user=world.member).exists()


def test_a_stranger_may_not_start_a_thread(world):
    with pytest.raises(PermissionDenied) as error:
        start(world.stranger, world.cluster)
    assert error.value.code == "not_a_member_person"
    assert not Thread.objects.exists()


def test_a_post_to_a_closed_thread_is_refused_and_nothing_is_written(world):
    thread = start(world.member, world.cluster)
    moderate(world.admin, thread, is_closed=True)
    with pytest.raises(Conflict) as error:
        reply(world.admin, thread)
    assert error.value.code == "thread_closed"
    thread.refresh_from_db()
    assert thread.post_count == 1 and Post.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "code"), [("", "text_empty"), ("   \n ", "text_empty"), ("я" * 10_001, "max_length")]
)
def test_empty_or_overlong_text_is_refused(world, text, code):
    thread = start(world.member, world.cluster)
    with pytest.raises(ValidationError) as error:
        reply(world.member, thread, text=text)
    assert codes(error.value) == {"text": [code]}
    assert Post.objects.count() == 1


def test_mentioning_an_organization_that_is_not_a_member_is_refused(world):
    thread = start(world.member, world.cluster)
    with pytest.raises(ValidationError) as error:
        reply(world.member, thread, mentioned_organization=OrganizationFactory())
    assert codes(error.value) == {"mentioned_organization": ["mention_not_a_member"]}
    assert Post.objects.count() == 1 and not Notification.objects.exists()


def test_a_mention_notifies_the_people_of_the_organization_but_not_the_author(world):
    thread = start(world.admin, world.cluster)
    colleague = member_of(world.member_org, "owner")
    reply(world.member, thread, mentioned_organization=world.member_org)
    reply(world.admin, thread, text="Упоминаю участника", mentioned_organization=world.member_org)
    mentioned = Notification.objects.filter(kind="community.mentioned")
    assert {n.recipient for n in mentioned} == {world.member, colleague}


def test_followers_hear_of_a_new_post_but_the_author_does_not(world):
    thread = start(world.admin, world.cluster)
    reply(world.member, thread)  # the member now follows too
    Notification.objects.all().delete()
    reply(world.member, thread, text="Ещё")
    assert [n.recipient for n in Notification.objects.all()] == [world.admin]
    note = Notification.objects.get()
    assert note.kind == "community.new_post" and f"#post-{thread.posts.last().pk}" in note.url


def test_notifying_many_followers_costs_a_bounded_number_of_queries(
    world, django_assert_max_num_queries
):
    thread = start(world.admin, world.cluster)
    people = UserFactory.create_batch(120)
    # people of a member organization: a members-only thread's followers must still read it
    Membership.objects.bulk_create(
        [Membership(user=p, organization=world.member_org, role="viewer") for p in people]
    )
    Follow.objects.bulk_create([Follow(thread=thread, user=p) for p in people])
    who = standing(world.member, world.cluster)
    with django_assert_max_num_queries(16):
        services.post_create(standing=who, thread=thread, actor=world.member, text="Всем")
    assert Notification.objects.filter(kind="community.new_post").count() == 121


def test_a_follower_is_told_in_their_own_language(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    thread = start(world.admin, world.cluster, title="Тема")
    world.admin.language = "ru"
    world.admin.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        reply(world.member, thread)
    (letter,) = mailoutbox
    assert letter.to == [world.admin.email]
    assert "Новое сообщение" in letter.subject


def test_removal_needs_a_reason_and_an_administrator(world):
    thread = start(world.member, world.cluster)
    post = thread.posts.get()
    with pytest.raises(PermissionDenied) as error:
        services.post_remove(
            standing=standing(world.member, world.cluster),
            post=post,
            actor=world.member,
            reason="x",
        )
    assert error.value.code == "not_an_administrator"
    with pytest.raises(ValidationError) as error:
        services.post_remove(
            standing=standing(world.admin, world.cluster), post=post, actor=world.admin, reason=" "
        )
    assert codes(error.value) == {"reason": ["reason_required"]}
    post.refresh_from_db()
    assert not post.is_removed and not AuditEvent.objects.filter(action="community.post_removed")


def test_a_removal_keeps_its_reason_in_the_audit_trail(world):
    thread = start(world.member, world.cluster, text="Реклама")
    post = thread.posts.get()
    who = standing(world.admin, world.cluster)
    services.post_remove(standing=who, post=post, actor=world.admin, reason="Реклама не по теме")
    post.refresh_from_db()
    assert post.is_removed and post.removal_reason == "Реклама не по теме"
    event = AuditEvent.objects.get(action="community.post_removed")
    assert event.actor == world.admin and event.target_id == str(post.pk)
    assert event.changes["reason"] == "Реклама не по теме" and event.changes["text"] == "Реклама"
    with pytest.raises(Conflict) as error:
        services.post_remove(standing=who, post=post, actor=world.admin, reason="Снова")
    assert error.value.code == "post_removed"


def test_only_an_administrator_pins_and_it_is_audited(world):
    thread = start(world.member, world.cluster)
    with pytest.raises(PermissionDenied) as error:
        moderate(world.member, thread, is_pinned=True)
    assert error.value.code == "not_an_administrator"
    thread.refresh_from_db()
    assert not thread.is_pinned
    moderate(world.admin, thread, is_pinned=True, is_public=True)
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_public
    event = AuditEvent.objects.get(action="community.thread_moderated")
    assert event.changes["is_pinned"] == {"from": False, "to": True}


def test_a_viewer_of_an_administrator_organization_is_no_administrator(world):
    viewer = member_of(world.lead, "viewer")
    thread = start(viewer, world.cluster)
    with pytest.raises(PermissionDenied):
        moderate(viewer, thread, is_closed=True)


def test_only_the_author_or_an_administrator_renames(world):
    thread = start(world.admin, world.cluster)
    with pytest.raises(PermissionDenied) as error:
        moderate(world.member, thread, title="Чужое")
    assert error.value.code == "not_the_author"
    assert moderate(world.admin, thread, title="Новое").title == "Новое"


def test_a_pdf_attachment_is_kept_under_its_name(world):
    thread = start(world.member, world.cluster)
    post = reply(world.member, thread, attachment=pdf_file("Отчёт.pdf"))
    assert post.attachment and post.attachment_name == "Отчёт.pdf"


def test_a_post_whose_notices_fail_leaves_no_attachment(world, monkeypatch, settings):
    # Given a thread, and the notices of new posts failing after the attachment is written
    thread = start(world.member, world.cluster)
    monkeypatch.setattr(services.notifications, "notify_new_post", lambda post: 1 / 0)
    # When a post with an attachment is added
    with pytest.raises(ZeroDivisionError):
        reply(world.member, thread, attachment=pdf_file("Отчёт.pdf"))
    # Then neither the post nor its file is left
    assert Post.objects.count() == 1
    assert list(Path(settings.MEDIA_ROOT, "community").glob("*")) == []


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("notes.txt", b"plain text, not a document"), "attachment_type"),
        (SimpleUploadedFile("page.pdf", b"<html><script>x</script></html>"), "attachment_type"),
        (SimpleUploadedFile("broken.pdf", b"%PDF-1.7\nnothing else"), "not_a_pdf"),
    ],
)
def test_a_bad_attachment_is_refused_and_nothing_is_written(world, upload, code, tmp_path):
    thread = start(world.member, world.cluster)
    with pytest.raises(ValidationError) as error:
        reply(world.member, thread, attachment=upload)
    assert codes(error.value) == {"attachment": [code]}
    assert Post.objects.count() == 1


def test_a_too_large_attachment_is_refused(world, settings):
    settings.DOCUMENT_MAX_BYTES = 100
    thread = start(world.member, world.cluster)
    with pytest.raises(ValidationError) as error:
        reply(world.member, thread, attachment=pdf_file())
    assert codes(error.value) == {"attachment": ["file_too_large"]}
    assert Post.objects.count() == 1


def test_following_is_idempotent_and_undone(world):
    thread = start(world.admin, world.cluster)
    who = standing(world.member, world.cluster)
    services.thread_follow(standing=who, thread=thread, actor=world.member)
    services.thread_follow(standing=who, thread=thread, actor=world.member)
    assert Follow.objects.filter(thread=thread, user=world.member).count() == 1
    services.thread_unfollow(standing=who, thread=thread, actor=world.member)
    assert not Follow.objects.filter(thread=thread, user=world.member).exists()


def test_a_follower_whose_organization_left_hears_no_more_of_a_members_only_thread(world):
    thread = start(world.admin, world.cluster)
    reply(world.member, thread)  # the member follows
    ClusterMember.objects.filter(cluster=world.cluster, organization=world.member_org).delete()
    Notification.objects.all().delete()
    reply(world.admin, thread, text="После ухода")
    assert not Notification.objects.filter(recipient=world.member).exists()
