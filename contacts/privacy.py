"""Screening free text for anything that could identify a person, so the contact log never stores it.

find_identifiers() names what it found: an NHS number (10 digits passing the modulus 11 check, however grouped),
a UK phone number, an email address, a full UK postcode or a full date (which could be a date of birth).

The text is normalised first (security review M3): Unicode compatibility forms (a full-width @, no-break spaces),
every kind of dash and space becomes one, and the separators inside a run of digits are ignored, so "943.476.5919",
"943–476–5919" and "+44-7700-900123" are caught like their plain forms. Names and street addresses are not
detected by any pattern; the form's hint asks staff never to write them.
"""

import re
import unicodedata

DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
DIGIT_RUN = re.compile(r"\d+(?:[ .\-/]+\d+)*")  # digit groups and the separators between them
SEPARATORS_IN_NUMBER = re.compile(r"(?<=[\d+)])[ .\-()/]+(?=[\d(])")
PHONE = re.compile(r"(?:\+44|0044|(?<![\d+])0)\(?0?\)?\d{9,10}(?!\d)")
EMAIL = re.compile(r"[^\s@<>(),;:\"']+@[^\s@<>(),;:\"']+\.[^\s@<>(),;:\"'.]{2,}")
POSTCODE = re.compile(
    r"(?:GIR[\s-]*0AA|[A-Z]{1,2}\d[A-Z\d]?[\s-]*\d(?P<inward>[ABD-HJLNP-UW-Z]{2}))(?![A-Z])", re.IGNORECASE
)
# Lower-case "1hr", "2nd", "3rd" after a code-like word are times and ordinals, not an inward postcode.
NOT_INWARD = {"hr", "st", "nd", "rd", "th"}
MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
DAY_MONTH_YEAR = re.compile(r"(?<![\d.])(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?![\d.])")
SPACED_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2}) (\d{1,2}) ((?:19|20)\d{2})(?!\d)")
YEAR_MONTH_DAY = re.compile(r"(?<!\d)((?:19|20)\d{2})[/.\-](\d{1,2})[/.\-](\d{1,2})(?!\d)")
WORDED = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?[\s\-/.]*(?:{MONTHS})[a-z]*\.?,?[\s\-/.]*(?:\d{{4}}|\d{{2}})\b"
    rf"|\b(?:{MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b",
    re.IGNORECASE,
)
DOB_WORDS = re.compile(r"\b(?:d\.o\.b\b|dob\b|date of birth|born\W{0,3}(?:on\s+)?\d)", re.IGNORECASE)


def normalise(text: str) -> str:
    """Compatibility forms folded, every dash a hyphen and every space character a plain space."""
    text = unicodedata.normalize("NFKC", text).translate(DASHES)
    return "".join(" " if ch.isspace() or unicodedata.category(ch) == "Cf" else ch for ch in text)


def is_valid_nhs_number(digits: str) -> bool:
    """The NHS number check digit: modulus 11 over the first nine digits, weighted 10 down to 2."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _has_nhs_number(text: str) -> bool:
    """Any run of neighbouring digit groups holding exactly ten digits that pass the check, however grouped."""
    for run in DIGIT_RUN.finditer(text):
        groups = re.findall(r"\d+", run.group())
        for start in range(len(groups)):
            digits = ""
            for group in groups[start:]:
                digits += group
                if len(digits) >= 10:
                    break
            if is_valid_nhs_number(digits):
                return True
    return False


def _has_postcode(text: str) -> bool:
    return any(
        (match.group("inward") or "") not in NOT_INWARD  # a lower-case ordinal or hour is not a postcode
        for match in POSTCODE.finditer(text)
    )


def _is_day_month(day: str, month: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _has_date(text: str) -> bool:
    numeric = (
        *((d, m) for d, m, _ in DAY_MONTH_YEAR.findall(text)),
        *((d, m) for d, m, _ in SPACED_DAY_MONTH_YEAR.findall(text)),
        *((d, m) for _, m, d in YEAR_MONTH_DAY.findall(text)),
    )
    return any(_is_day_month(d, m) for d, m in numeric) or bool(WORDED.search(text) or DOB_WORDS.search(text))


def find_identifiers(text: str) -> list[str]:
    text = normalise(text)
    compact = SEPARATORS_IN_NUMBER.sub("", text)  # "+44 (0)7700-900 123" -> "+44(07700900123"
    found = []
    if _has_nhs_number(text):
        found.append("an NHS number")
    if PHONE.search(compact):
        found.append("a phone number")
    if EMAIL.search(text):
        found.append("an email address")
    if _has_postcode(text):
        found.append("a postcode")
    if _has_date(text):
        found.append("a date of birth")
    return found
