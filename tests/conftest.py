import pytest
from django.utils import translation
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from innocluster.platform.accounts.services import api_token_create
from innocluster.platform.ledger.signing import generate_key_text

from .factories import OrganizationFactory, member_of

TEST_LEDGER_KEY = generate_key_text()

# Property tests check what holds, not how fast: hypothesis's 200 ms deadline per example is
# a timing assertion that a loaded machine (two cores, parallel workers) trips at random.
hypothesis_settings.register_profile("innocluster", deadline=None)
hypothesis_settings.load_profile("innocluster")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Tasks run at once, mail stays in memory, uploads go to a temporary folder, and the
    ledger signs with a throw-away key, at once, so no test writes a key under var/."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LEDGER_SIGNING_KEY = TEST_LEDGER_KEY
    settings.LEDGER_SIGNING_KEY_FILE = tmp_path / "ledger-signing-key"
    settings.LEDGER_CHECKPOINT_DELAY = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organization(db):
    return OrganizationFactory()


@pytest.fixture
def owner(organization):
    return member_of(organization, "owner")


@pytest.fixture(autouse=True)
def _english_in_the_test_thread():
    """Messages raised by services in the test thread come in English; pages and API calls
    choose their language per request as in production (tests ask for English or Russian)."""
    with translation.override("en"):
        yield


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def api_as():
    """An API client that authenticates with a real Bearer token of `user`."""

    def make(user):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        _token, raw = api_token_create(user=user, name="test")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        return client

    return make
