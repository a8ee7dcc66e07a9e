"""Russian company identifiers: INN, OGRN and OGRNIP, checked with python-stdnum.

A legal entity has a 10-digit INN and a 13-digit OGRN; a sole proprietor has a 12-digit INN
and a 15-digit OGRNIP. Each number carries its own checksum, and the pair must be of the same
kind: a valid company INN next to a valid OGRNIP is still wrong.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

LEGAL_ENTITY = "legal_entity"
SOLE_PROPRIETOR = "sole_proprietor"

# kind -> (INN length, OGRN length)
LENGTHS = {LEGAL_ENTITY: (10, 13), SOLE_PROPRIETOR: (12, 15)}


def _problem(number: str, module, expected_length: int, name: str) -> str | None:
    """The first thing wrong with `number` as an identifier of the expected length, or None."""
    if not number.isdigit():
        return _("%(name)s must contain digits only.") % {"name": name}
    if len(number) != expected_length:
        return _("%(name)s must have %(n)d digits for this kind of organization, not %(got)d.") % {
            "name": name,
            "n": expected_length,
            "got": len(number),
        }
    try:
        module.validate(number)
    except stdnum_errors.InvalidChecksum:
        return _("%(name)s has a wrong check digit: please check the number.") % {"name": name}
    except stdnum_errors.ValidationError:
        return _("%(name)s is not a valid number.") % {"name": name}
    return None


def _compact(number: str | None) -> str:
    """Digits as people type them: with spaces or dashes between groups."""
    return re.sub(r"[\s-]", "", number or "")


def validate_identifiers(*, kind: str, inn: str, ogrn: str) -> tuple[str, str]:
    """Return the compact (INN, OGRN) pair or raise ValidationError keyed by field.

    The length check comes first and names the kind, so a sole proprietor's 12-digit INN
    entered for a legal entity is explained as a kind mismatch, not as a bad checksum.
    """
    if kind not in LENGTHS:
        raise ValidationError({"kind": [_("Unknown kind of organization.")]})
    inn, ogrn = _compact(inn), _compact(ogrn)
    inn_length, ogrn_length = LENGTHS[kind]
    ogrn_name = _("OGRN") if kind == LEGAL_ENTITY else _("OGRNIP")
    errors = {}
    if problem := _problem(inn, stdnum_inn, inn_length, _("INN")):
        errors["inn"] = [problem]
    if problem := _problem(ogrn, stdnum_ogrn, ogrn_length, ogrn_name):
        errors["ogrn"] = [problem]
    if errors:
        raise ValidationError(errors)
    return inn, ogrn
