"""The registration rules that need no database: rightholders' shares and the work's hash.

Shares are exact decimals (percent, two decimal places) that add up to exactly 100.00; a float
is refused rather than rounded, since 33.33 as a float is not 33.33.
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

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

    Every problem is reported at once under the key "rightholders", each message naming its row.
    """
    if not isinstance(rows, list | tuple) or not 1 <= len(rows) <= MAX_RIGHTHOLDERS:
        raise ValidationError(
            {
                "rightholders": [
                    _("Name from 1 to %(max)s rightholders.") % {"max": MAX_RIGHTHOLDERS}
                ]
            }
        )
    errors: list[str] = []
    cleaned = [_clean_row(number, row, errors) for number, row in enumerate(rows, 1)]
    if not errors:
        errors += _duplicates(cleaned) + _total_errors(cleaned)
    if errors:
        raise ValidationError({"rightholders": errors})
    return cleaned


def _clean_row(number: int, row, errors: list[str]) -> dict:
    if not isinstance(row, dict) or not REQUIRED_KEYS <= set(row) <= ALLOWED_KEYS:
        errors.append(_("Rightholder %(n)s: give a name and a share.") % {"n": number})
        return {}
    name = " ".join(str(row["name"] or "").split())
    if not name:
        errors.append(_("Rightholder %(n)s: the name is empty.") % {"n": number})
    elif len(name) > MAX_NAME_LENGTH:
        errors.append(
            _("Rightholder %(n)s: the name is longer than %(max)s characters.")
            % {"n": number, "max": MAX_NAME_LENGTH}
        )
    share, problem = parse_share(row["share"])
    if problem:
        errors.append(_("Rightholder %(n)s: %(problem)s") % {"n": number, "problem": problem})
    return {"name": name, "share": share, "organization": row.get("organization")}


def parse_share(value) -> tuple[Decimal | None, str | None]:
    """The share as Decimal with two places, or None and the reason it is refused."""
    if isinstance(value, float | bool) or not isinstance(value, Decimal | int | str):
        return None, _("give the share as an exact decimal number, not %(type)s.") % {
            "type": type(value).__name__
        }
    try:
        share = Decimal(value.strip() if isinstance(value, str) else value)
    except InvalidOperation:
        return None, _("the share is not a number.")
    if not share.is_finite() or not 0 < share <= 100:
        return None, _("the share must be more than 0 and at most 100 percent.")
    if share != share.quantize(CENT):
        return None, _("the share may have at most two decimal places.")
    return share.quantize(CENT), None


def _duplicates(rows: list[dict]) -> list[str]:
    seen, errors = set(), []
    for row in rows:
        key = row["name"].casefold()
        if key in seen:
            errors.append(_("%(name)s is named twice.") % {"name": row["name"]})
        seen.add(key)
    return errors


def _total_errors(rows: list[dict]) -> list[str]:
    total = sum((row["share"] for row in rows), Decimal("0.00"))
    if total == HUNDRED:
        return []
    return [
        _("The shares add up to %(total)s%%; they must add up to exactly 100%%.")
        % {"total": number_format(total, 2)}
    ]


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
