"""The registration rules that need no database: rightholders' shares and the work's hash.

Shares are exact decimals (percent, two decimal places) that add up to exactly 100.00; a float
is refused rather than rounded, since 33.33 as a float is not 33.33.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from innocluster.core.names import refused_character, validate_name

from .errors import IPRegistryErrorCode as Code

SHA256_HEX = r"^[0-9a-f]{64}\Z"
SHA256_ANYCASE = re.compile(r"[0-9a-fA-F]{64}")
MAX_RIGHTHOLDERS = 20
MAX_NAME_LENGTH = 300
CENT = Decimal("0.01")
HUNDRED = Decimal("100.00")
REQUIRED_KEYS = frozenset({"name", "share"})
ALLOWED_KEYS = frozenset({"name", "share", "organization"})


def clean_rightholders(rows) -> list[dict]:
    """Rows of {name, share[, organization]} checked and normalized, or a ValidationError.

    Every problem is reported at once under the key "rightholders", each message naming its
    row (its `n` param) and with its own code.
    """
    if not isinstance(rows, list | tuple) or not 1 <= len(rows) <= MAX_RIGHTHOLDERS:
        message = _("Name from 1 to %(max)s rightholders.")
        raise ValidationError(
            {"rightholders": _refusal(message, Code.RIGHTHOLDERS_COUNT, max=MAX_RIGHTHOLDERS)}
        )
    errors: list[ValidationError] = []
    cleaned = [_clean_row(number, row, errors) for number, row in enumerate(rows, 1)]
    if not errors:
        errors += _duplicates(cleaned) + _total_errors(cleaned)
    if errors:
        raise ValidationError({"rightholders": errors})
    return cleaned


def _refusal(message: str, code: Code, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def _clean_row(number: int, row, errors: list[ValidationError]) -> dict:
    if not isinstance(row, dict) or not REQUIRED_KEYS <= set(row) <= ALLOWED_KEYS:
        message = _("Rightholder %(n)s: give a name and a share.")
        errors.append(_refusal(message, Code.RIGHTHOLDER_INCOMPLETE, n=number))
        return {}
    name = " ".join(str(row["name"] or "").split())
    if not name:
        message = _("Rightholder %(n)s: the name is empty.")
        errors.append(_refusal(message, Code.NAME_EMPTY, n=number))
    elif len(name) > MAX_NAME_LENGTH:
        message = _("Rightholder %(n)s: the name is longer than %(max)s characters.")
        errors.append(_refusal(message, Code.NAME_TOO_LONG, n=number, max=MAX_NAME_LENGTH))
    elif (hidden := refused_character(name)) is not None:
        # As the model's name fields refuse them (core.names): the rows are written in bulk.
        message = _("Rightholder %(n)s: remove the invisible or control character %(character)s.")
        code = validate_name.code
        errors.append(_refusal(message, code, n=number, character=f"U+{ord(hidden):04X}"))
    share, problem = parse_share(row["share"])
    if problem:
        text, code = problem
        message = _("Rightholder %(n)s: %(problem)s")
        errors.append(_refusal(message, code, n=number, problem=text))
    return {"name": name, "share": share, "organization": row.get("organization")}


def parse_share(value) -> tuple[Decimal | None, tuple[str, Code] | None]:
    """The share as Decimal with two places, or None and why it is refused (text, code)."""
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int | str):
        text = _("give the share as an exact decimal number, not %(type)s.")
        return None, (text % {"type": type(value).__name__}, Code.SHARE_NOT_EXACT)
    try:
        share = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        return None, (_("the share is not a number."), Code.SHARE_NOT_A_NUMBER)
    if not share.is_finite() or not 0 < share <= 100:
        text = _("the share must be more than 0 and at most 100 percent.")
        return None, (text, Code.SHARE_OUT_OF_RANGE)
    if share != share.quantize(CENT):
        return None, (_("the share may have at most two decimal places."), Code.SHARE_PRECISION)
    return share.quantize(CENT), None


def _duplicates(rows: list[dict]) -> list[ValidationError]:
    seen, errors = set(), []
    for row in rows:
        key = row["name"].casefold()
        if key in seen:
            message = _("%(name)s is named twice.")
            errors.append(_refusal(message, Code.NAMED_TWICE, name=row["name"]))
        seen.add(key)
    return errors


def _total_errors(rows: list[dict]) -> list[ValidationError]:
    total = sum((row["share"] for row in rows), Decimal("0.00"))
    if total == HUNDRED:
        return []
    message = _("The shares add up to %(total)s%%; they must add up to exactly 100%%.")
    return [_refusal(message, Code.SHARES_TOTAL, total=number_format(total, 2))]


def normalize_sha256(value: str) -> str:
    """The hash as 64 lower-case hexadecimal characters, as people paste it: alone, as a line
    of sha256sum ("<hash>  work.pdf" or "<hash> *work.pdf"), upper-case (PowerShell's
    Get-FileHash) or in spaced pairs (older certutil). Anything else comes back stripped and
    lower-cased, for the validator to refuse."""
    text = value.strip()
    first = text.split(maxsplit=1)[0] if text else ""
    if SHA256_ANYCASE.fullmatch(first):
        return first.lower()
    compact = "".join(text.split())
    if SHA256_ANYCASE.fullmatch(compact):
        return compact.lower()
    return text.lower()
