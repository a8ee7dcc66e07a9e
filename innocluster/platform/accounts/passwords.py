"""Passwords too easy to guess are refused, offline (OWASP ASVS 6.2.12).

zxcvbn estimates how many guesses a password takes from the lists it bundles (common and
leaked passwords, words, names, keyboard patterns, dates, l33t substitutions), with nothing sent
anywhere. Django's CommonPasswordValidator (20,000 leaked passwords) stays on beside it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

# zxcvbn's cost grows fast with the length; past this many characters no password is guessable.
CHECKED_LENGTH = 64


class GuessablePasswordValidator:
    """Refuse a password zxcvbn scores below `min_score` (0–4; 3: about 10^8 guesses)."""

    code = "password_too_guessable"

    def __init__(self, min_score: int = 3):
        self.min_score = min_score

    def validate(self, password, user=None):
        result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=_user_inputs(user))
        if result["score"] < self.min_score:
            raise ValidationError(
                _(
                    "This password is too easy to guess: it is a common or leaked password, "
                    "a word, a name or a pattern. Choose a longer one, e.g. a few unrelated words."
                ),
                code=self.code,
            )

    def get_help_text(self):
        return _("It must not be a common or leaked password, a word, a name or a pattern.")


def _user_inputs(user) -> list[str]:
    """What a guesser knows of the person: the e-mail, its name part and their name."""
    if user is None:
        return []
    email = getattr(user, "email", "") or ""
    name = getattr(user, "full_name", "") or ""
    return [value for value in (email, email.split("@")[0], *name.split()) if value]
