import pytest

from innocluster.platform.ledger.services import ledger_checkpoint_sign

from .helpers import append_many


@pytest.fixture(autouse=True)
def _ledger_origin(settings):
    """The key and signing come from tests/conftest.py; a log name of the tests' own."""
    settings.LEDGER_ORIGIN = "test.innocluster/ledger"


@pytest.fixture
def signed_log(db):
    """Seven entries, signed at size 4 and at size 7 (not a power of two)."""
    entries = append_many(4)
    first = ledger_checkpoint_sign()
    entries += append_many(3, start=4)
    second = ledger_checkpoint_sign()
    return entries, [first, second]
