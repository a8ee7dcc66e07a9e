import os
import stat

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from innocluster.platform.ledger import signing
from innocluster.platform.ledger.models import Checkpoint
from innocluster.platform.ledger.services import ledger_checkpoint_sign

from .helpers import append_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client():
    user = get_user_model().objects.create_superuser("root@example.org", "a-long-password-1")
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_shows_entries_read_only(admin_client):
    append_many(2)

    listing = admin_client.get("/admin/ledger/entry/")
    detail = admin_client.get("/admin/ledger/entry/1/change/")

    assert listing.status_code == 200
    assert b"application:1" in listing.content
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    assert admin_client.get("/admin/ledger/entry/add/").status_code == 403
    assert admin_client.get("/admin/ledger/entry/1/delete/").status_code == 403
    assert admin_client.post("/admin/ledger/entry/1/change/", {"kind": "x"}).status_code == 403


@pytest.mark.parametrize("query", ["application:1", "1", "not a number"])
def test_the_admin_searches_by_subject_or_index(admin_client, query):
    append_many(2)

    assert admin_client.get("/admin/ledger/entry/", {"q": query}).status_code == 200


def test_the_admin_shows_checkpoints_read_only(admin_client):
    from innocluster.platform.ledger.services import ledger_checkpoint_sign

    append_many(2)
    ledger_checkpoint_sign()

    assert admin_client.get("/admin/ledger/checkpoint/").status_code == 200
    assert admin_client.get("/admin/ledger/checkpoint/2/change/").status_code == 200
    assert admin_client.get("/admin/ledger/checkpoint/2/delete/").status_code == 403


def test_a_public_page_links_to_the_entry_and_its_proof_once_signed():
    append_many(3)
    template = Template('{% load ledger_tags %}{% ledger_links "application:2" %}')

    unsigned = template.render(Context({}))
    ledger_checkpoint_sign()
    html = template.render(Context({}))

    entry_page = reverse("ledger:entry", kwargs={"index": 2})
    assert f'href="{entry_page}"' in unsigned
    assert "#proof" not in unsigned and "once the next checkpoint is signed" in unsigned
    assert f'href="{entry_page}"' in html
    assert f'href="{entry_page}#proof"' in html
    assert "application:1" not in html


def test_every_commit_that_appends_is_followed_by_a_signed_checkpoint(
    django_capture_on_commit_callbacks,
):
    """Whether facts are sequenced at once (the immediate backend) or by the worker, a run
    comes after the commit and signs: every entry gets its proof."""
    with django_capture_on_commit_callbacks(execute=True):
        append_many(2)

    assert Checkpoint.objects.order_by("-tree_size").first().tree_size == 2


def test_a_page_shows_a_fact_as_being_recorded_until_it_is_sequenced(settings):
    from innocluster.platform.ledger.services import ledger_append, ledger_sequence

    settings.LEDGER_SEQUENCE_AT_ONCE = False
    template = Template('{% load ledger_tags %}{% ledger_links "award:1" %}')
    ledger_append(kind="support.award", subject="award:1", payload={})

    pending = template.render(Context({}))
    ledger_sequence()
    ledger_checkpoint_sign()
    recorded = template.render(Context({}))

    assert "Being recorded" in pending and "Recorded fact" in pending  # a kind with no label
    assert "support.award" not in pending  # never the code
    assert "/ledger/entries/" not in pending
    assert reverse("ledger:entry", kwargs={"index": 0}) + '#proof"' in recorded
    assert "Being recorded" not in recorded


def test_the_admin_shows_the_queue_read_only(admin_client, settings):
    from innocluster.platform.ledger.services import ledger_append

    settings.LEDGER_SEQUENCE_AT_ONCE = False
    ledger_append(kind="support.award", subject="award:1", payload={})

    assert b"award:1" in admin_client.get("/admin/ledger/pending/").content
    assert admin_client.get("/admin/ledger/pending/add/").status_code == 403


def test_a_key_is_generated_once_into_var_and_kept(settings, tmp_path):
    settings.LEDGER_SIGNING_KEY = ""
    settings.LEDGER_SIGNING_KEY_FILE = tmp_path / "var" / "ledger-signing-key"

    first = signing.public_key_bytes()
    signing._load_key.cache_clear()
    second = signing.public_key_bytes()

    assert first == second
    mode = stat.S_IMODE(os.stat(settings.LEDGER_SIGNING_KEY_FILE).st_mode)
    assert mode == 0o600
    assert [p.name for p in (tmp_path / "var").iterdir()] == ["ledger-signing-key"]


def test_a_malformed_key_in_the_environment_is_a_clear_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.LEDGER_SIGNING_KEY = "not base64!"

    with pytest.raises(ImproperlyConfigured, match="LEDGER_SIGNING_KEY"):
        signing.public_key_bytes()
