"""The personal-data patterns: where each kind of identifier may be in a text.

Each finder yields (start, end) spans of one kind. Regexes cast a wide net and
a check narrows it where the identifier has one (the BSN 11-test, IBAN
mod-97, a phone number's digit count), so a case number that merely has nine
digits is not a hit. Overlaps between kinds are settled in `scan`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

Span = tuple[int, int]
Finder = Callable[[str], Iterator[Span]]

# Digits next to digits (with at most one separator between) are one number, not two.
_NO_DIGIT_BEFORE = r"(?<![\w@])(?<![\d][ .-])(?<![\d+][.])"
_NO_DIGIT_AFTER = r"(?![ .-]?\d)(?!\w)"


# -- BSN ------------------------------------------------------------------------------------
# Each regex opens with a cheap look at the first character: the lookbehinds that follow
# would otherwise run at every position of a long text.
_BSN = re.compile(r"(?=\d)" + _NO_DIGIT_BEFORE + r"\d(?:[. ]?\d){8}" + _NO_DIGIT_AFTER)


def bsn_valid(digits: str) -> bool:
    """The 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not zero)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def find_bsn(text: str) -> Iterator[Span]:
    for match in _BSN.finditer(text):
        if bsn_valid(_digits(match.group())):
            yield match.span()


# -- phone numbers ----------------------------------------------------------------------------
_SEP = r"[ -]?"
_NATIONAL = r"(?:0[1-9]|\(0[1-9]\d{0,2}\) ?)(?:" + _SEP + r"\d){6,10}"
_INTERNATIONAL = r"(?:\+|00)[1-9]\d{0,2}(?:" + _SEP + r"\(0\))?(?:" + _SEP + r"\d){6,12}"
_PHONE = re.compile(
    r"(?=[\d+(])(?<![\w+])(?<![\d][ .-])(?:"
    + _INTERNATIONAL
    + "|"
    + _NATIONAL
    + ")"
    + _NO_DIGIT_AFTER
)


def phone_valid(number: str) -> bool:
    """Dutch numbers have ten digits (0 + 9); +31 / 0031 numbers nine after the 31."""
    digits = _digits(number.replace("(0)", ""))
    if number.startswith("+"):
        if digits.startswith("31"):
            return len(digits) == 11
        return 8 <= len(digits) <= 15
    if digits.startswith("00"):
        if digits.startswith("0031"):
            return len(digits) == 13
        return 11 <= len(digits) <= 17
    return len(digits) == 10


def find_phone(text: str) -> Iterator[Span]:
    for match in _PHONE.finditer(text):
        if phone_valid(match.group()):
            yield match.span()


# -- e-mail -----------------------------------------------------------------------------------
_EMAIL = re.compile(
    r"(?=[A-Za-z0-9])(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"(?![\w-])"
)


def find_email(text: str) -> Iterator[Span]:
    if "@" not in text:
        return  # the common case, and the regex would try every word
    for match in _EMAIL.finditer(text):
        yield match.span()


# -- IBAN -------------------------------------------------------------------------------------
_IBAN = re.compile(
    r"(?=[A-Z])(?<![A-Za-z0-9])[A-Z]{2}\d{2}"
    r"(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)"
    r"(?![A-Za-z0-9])"
)


def iban_valid(candidate: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to 10..35, mod 97 == 1."""
    code = candidate.replace(" ", "").upper()
    if not 15 <= len(code) <= 34 or not code.isalnum():
        return False
    moved = code[4:] + code[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def find_iban(text: str) -> Iterator[Span]:
    for match in _IBAN.finditer(text):
        start, end = match.span()
        # A spaced IBAN may have swallowed a following word: drop groups until it checks.
        while end > start:
            if iban_valid(text[start:end]):
                yield start, end
                break
            cut = text.rfind(" ", start, end)
            if cut < 0:
                break
            end = cut


# -- postcode + house number --------------------------------------------------------------------
# SA, SD and SS are never used in Dutch postcodes; letters are capitals, or "2024 in 3" would hit.
_POSTCODE = re.compile(
    r"(?=[1-9])(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}"
    r",? {1,2}\d{1,5}(?: ?[-]? ?[a-zA-Z](?![\w]))?"
    r"(?![\w.,-]?\d)"
)


def find_postcode(text: str) -> Iterator[Span]:
    for match in _POSTCODE.finditer(text):
        yield match.span()


# -- licence plates (Dutch sidecodes 1-14, written with dashes) ------------------------------------
_SIDECODES = (
    "XX-99-99",
    "99-99-XX",
    "99-XX-99",
    "XX-99-XX",
    "XX-XX-99",
    "99-XX-XX",
    "99-XXX-9",
    "9-XXX-99",
    "XX-999-X",
    "X-999-XX",
    "XXX-99-X",
    "X-99-XXX",
    "9-XX-999",
    "999-XX-9",
)


def _sidecode(shape: str) -> str:
    return "".join({"X": "[A-Z]", "9": r"\d"}.get(c, "-") for c in shape)


_PLATE = re.compile(
    r"(?=[A-Z\d]{1,3}-)(?<![\w-])(?:"
    + "|".join(_sidecode(s) for s in _SIDECODES)
    + r")(?![\w-])"
)


def find_plate(text: str) -> Iterator[Span]:
    for match in _PLATE.finditer(text):
        yield match.span()


# -- dates of birth -------------------------------------------------------------------------------
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|"
    "jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)
_DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:e|st|nd|rd|th)? (?:{_MONTHS})\.? \d{{4}}"
    rf"|(?:{_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}})"
)
_BIRTH_CONTEXT = (
    r"(?:geboren(?: op| in| te \w+(?: op)?)?|geb\.|geboortedatum|date of birth|birth ?date|"
    r"d\.o\.b\.|dob|born(?: on| in)?)"
)
_BIRTH_DATE = re.compile(
    rf"(?=[gdbGDB])(?<!\w){_BIRTH_CONTEXT}\s*[:=]?\s*(?:op |on )?(?P<date>{_DATE})(?!\w)",
    re.IGNORECASE,
)


def find_birth_date(text: str) -> Iterator[Span]:
    """The date only (that is the personal datum); the context word decides it is one."""
    for match in _BIRTH_DATE.finditer(text):
        yield match.span("date")


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


FINDERS: dict[str, Finder] = {
    "bsn": find_bsn,
    "iban": find_iban,
    "email": find_email,
    "birth_date": find_birth_date,
    "postcode": find_postcode,
    "phone": find_phone,
    "plate": find_plate,
}
