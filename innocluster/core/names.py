"""Names and titles that show what they say (issue 17).

A name or title is shown on pages, in lists, exports, letters and ledger entries. A character
that is not seen but changes what is seen is refused: the C0 and C1 controls (a line break or
tab inside a name too), the bidirectional overrides, embeddings and isolates (U+202E turns
"exe.pdf" into "fdp.exe"), zero-width spaces and joiners, the BOM, soft hyphens and every other
format character (Unicode category Cf), and the line and paragraph separators. Ordinary
spaces, punctuation and letters of any script pass.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .errors import ErrorCode

REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


class NameErrorCode(ErrorCode):
    INVISIBLE_CHARACTER = "invisible_character"  # a control, format or bidi character in a name


def refused_character(value: str) -> str | None:
    """The first character of `value` a name may not hold, or None."""
    for character in value:
        if unicodedata.category(character) in REFUSED_CATEGORIES:
            return character
    return None


@deconstructible
class NameValidator:
    """For the name and title fields of the model: refuses invisible and control characters."""

    message = _(
        "Remove the invisible or control character %(character)s: a name holds only "
        "characters that are seen."
    )
    code = NameErrorCode.INVISIBLE_CHARACTER

    def __call__(self, value) -> None:
        character = refused_character(str(value))
        if character is not None:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"character": f"U+{ord(character):04X}"},
            )

    def __eq__(self, other):
        return isinstance(other, NameValidator)


validate_name = NameValidator()
