import pytest

from innocluster.ledger.signing import generate_key_text

TEST_KEY = generate_key_text()


@pytest.fixture(autouse=True)
def _ledger_settings(settings, tmp_path):
    """A throw-away signing key, so no test writes one under var/."""
    settings.LEDGER_SIGNING_KEY = TEST_KEY
    settings.LEDGER_SIGNING_KEY_FILE = tmp_path / "ledger-signing-key"
    settings.LEDGER_CHECKPOINT_DELAY = 0
