"""Unique, valid and realistic INN/OGRN pairs derived from a counter."""

from stdnum.ru import inn as stdnum_inn
from stdnum.ru import ogrn as stdnum_ogrn

from innocluster.core.identifiers import LEGAL_ENTITY, SOLE_PROPRIETOR

# --- Identifiers ------------------------------------------------------------------------------

# Multiplying by a number coprime with 10 permutes the residues modulo 10**k: distinct counters
# give distinct serials that do not look sequential.
_SPREAD, _SHIFT = 7_919_761, 1_234_567


def _serial(counter: int, digits: int) -> str:
    if counter >= 10**7:
        raise ValueError("The demo identifier space holds ten million organizations.")
    return f"{(counter * _SPREAD + _SHIFT) % 10**digits:0{digits}d}"


def _ogrn_check(number_without_check: str) -> str:
    # stdnum's calc_check_digit takes the whole number and ignores its last digit.
    return stdnum_ogrn.calc_check_digit(number_without_check + "0")


def legal_entity_identifiers(counter: int, region: str, year: int) -> tuple[str, str]:
    """A company INN (region + serial + check) and OGRN (1 or 5, year, region, serial, check).

    OGRNs exist since 2002: an older company got its number at re-registration in 2002.
    """
    inn_body = region + _serial(counter, 7)
    sign = "5" if year >= 2011 and counter % 3 == 0 else "1"
    ogrn_body = f"{sign}{max(year, 2002) % 100:02d}{region}{_serial(counter, 7)}"
    inn = inn_body + stdnum_inn.calc_company_check_digit(inn_body)
    return inn, ogrn_body + _ogrn_check(ogrn_body)


def sole_proprietor_identifiers(counter: int, region: str, year: int) -> tuple[str, str]:
    """A personal INN and an OGRNIP (3, year, region, serial, check).

    The OGRNIP check digit is the body modulo 13, which must be a single digit; the last digit
    of the body is the first of 0–9 that makes it so (ten consecutive residues always include
    one), so the serial still decides uniqueness.
    """
    inn_body = region + _serial(counter, 8)
    prefix = f"3{max(year, 2004) % 100:02d}{region}{_serial(counter, 8)}"
    body = next(prefix + d for d in "0123456789" if int(prefix + d) % 13 < 10)
    return inn_body + stdnum_inn.calc_personal_check_digits(inn_body), body + _ogrn_check(body)


IDENTIFIERS = {LEGAL_ENTITY: legal_entity_identifiers, SOLE_PROPRIETOR: sole_proprietor_identifiers}
