"""Screening free text for anything that could identify a person, so the contact log never stores it.

find_identifiers() names what it found: an NHS number (10 digits passing the modulus 11 check, spaced or not), a
UK phone number, an email address, a full UK postcode or a full date (which could be a date of birth).
"""

import re

NHS_NUMBER = re.compile(r"(?<![\d+])(\d{3}[ -]?\d{3}[ -]?\d{4})(?!\d)")
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s\-()]{0,2}\d){8,9}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
POSTCODE = re.compile(r"\b(?:GIR\s?0AA|[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
DATE = re.compile(
    r"\b(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})[a-z]*\.?,?\s+\d{{2,4}}"
    rf"|(?:{MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2})\b",
    re.IGNORECASE,
)
DOB_WORDS = re.compile(r"\b(?:d\.o\.b\b|dob\b|date of birth)", re.IGNORECASE)


def is_valid_nhs_number(digits: str) -> bool:
    """The NHS number check digit: modulus 11 over the first nine digits, weighted 10 down to 2."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def find_identifiers(text: str) -> list[str]:
    found = []
    if any(is_valid_nhs_number(re.sub(r"\D", "", m.group(1))) for m in NHS_NUMBER.finditer(text)):
        found.append("an NHS number")
    if PHONE.search(text):
        found.append("a phone number")
    if EMAIL.search(text):
        found.append("an email address")
    if POSTCODE.search(text):
        found.append("a postcode")
    if DATE.search(text) or DOB_WORDS.search(text):
        found.append("a date of birth")
    return found
