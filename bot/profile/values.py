"""Parsing single typed values (dates, NIP, numbers) with Indonesian messages.

Shared by the profile model and the chat questionnaire, so a value typed in Telegram and a value
in a profile file are judged by the same rule and explained in the same words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.profile import texts

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_NIP = re.compile(r"^\d{18}$")


class InvalidValueError(ValueError):
    """A value that cannot be accepted; the message is Indonesian and says what is accepted."""


@dataclass(frozen=True)
class Nip:
    """What an 18-digit NIP encodes: birth date, TMT CPNS (year and month), gender, sequence."""

    birth_date: dt.date
    tmt_cpns_year: int
    tmt_cpns_month: int
    gender: int

    def tmt_cpns(self) -> dt.date:
        return dt.date(self.tmt_cpns_year, self.tmt_cpns_month, 1)


def parse_date(raw: object) -> dt.date:
    """A date from ``2020-03-01``, ``01-03-2020`` or ``1/3/2020``."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    iso, dmy = _ISO.match(text), _DMY.match(text)
    if iso:
        year, month, day = (int(p) for p in iso.groups())
    elif dmy:
        day, month, year = (int(p) for p in dmy.groups())
    else:
        raise InvalidValueError(texts.NOT_A_DATE.format(value=text[:40]))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidValueError(texts.NOT_A_DATE.format(value=text[:40])) from None


def parse_nip(raw: object) -> Nip:
    """Read an NIP; spaces and dots people type between the parts are ignored."""
    digits = re.sub(r"[\s.]", "", str(raw))
    if not _NIP.match(digits):
        raise InvalidValueError(texts.NIP_FORMAT)
    try:
        birth = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise InvalidValueError(texts.NIP_BIRTH_DATE.format(part=digits[0:8])) from None
    year, month, gender = int(digits[8:12]), int(digits[12:14]), int(digits[14])
    if not 1 <= month <= 12 or year < birth.year:
        raise InvalidValueError(texts.NIP_TMT.format(part=digits[8:14]))
    if gender not in (1, 2):
        raise InvalidValueError(texts.NIP_GENDER.format(digit=gender))
    return Nip(birth, year, month, gender)


def clean_nip(raw: object) -> str:
    """The NIP as 18 digits, after checking it."""
    parse_nip(raw)
    return re.sub(r"[\s.]", "", str(raw))


def parse_number(raw: object, low: float, high: float, *, whole: bool) -> float:
    """A number within ``low``..``high``; a decimal comma is accepted (``81,25``)."""
    text = str(raw).strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise InvalidValueError(texts.NOT_A_NUMBER.format(value=text[:20])) from None
    if whole and not value.is_integer():
        raise InvalidValueError(texts.NOT_WHOLE.format(value=text[:20]))
    if not low <= value <= high:
        raise InvalidValueError(texts.OUT_OF_RANGE.format(low=_plain(low), high=_plain(high)))
    return value


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")
