import pytest

from innocluster.ledger.services import ledger_checkpoint_sign
from innocluster.ledger.signing import generate_key_text

from .helpers import append_many

TEST_KEY = generate_key_text()


@pytest.fixture(autouse=True)
def _ledger_settings(settings, tmp_path):
    """A fixed key from the environment setting; checkpoints signed as soon as asked."""
    settings.LEDGER_SIGNING_KEY = TEST_KEY
    settings.LEDGER_SIGNING_KEY_FILE = tmp_path / "ledger-signing-key"
    settings.LEDGER_CHECKPOINT_DELAY = 0
    settings.LEDGER_ORIGIN = "test.innocluster/ledger"


@pytest.fixture
def signed_log(db):
    """Seven entries, signed at size 4 and at size 7 (not a power of two)."""
    entries = append_many(4)
    first = ledger_checkpoint_sign()
    entries += append_many(3, start=4)
    second = ledger_checkpoint_sign()
    return entries, [first, second]
