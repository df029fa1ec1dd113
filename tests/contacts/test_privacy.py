"""The note guard: each kind of identifier is refused, and near misses that identify no one are allowed."""

import pytest

from contacts.privacy import find_identifiers, is_valid_nhs_number


def with_check_digit(first_nine: str) -> str:
    return next(first_nine + str(d) for d in range(10) if is_valid_nhs_number(first_nine + str(d)))


VALID_NHS = with_check_digit("943476591")  # 9434765919, the NHS's own published test number


def test_modulus_11_check():
    assert VALID_NHS == "9434765919"
    assert is_valid_nhs_number("4010232137")
    assert not is_valid_nhs_number("9434765918")  # wrong check digit
    assert not is_valid_nhs_number("943476591")  # nine digits
    assert sum(is_valid_nhs_number(f"123456789{d}") for d in range(10)) <= 1  # one check digit, or none


@pytest.mark.parametrize(
    "text",
    [
        "NHS no 9434765919",
        "943 476 5919",
        "943-476-5919",
        "patient 4010232137 seen",
    ],
)
def test_nhs_numbers_are_found(text):
    assert "an NHS number" in find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "9434765918",  # fails the check digit
        "walked 10000 steps",
        "94347659",  # too short
        "12 leaflets, 3 cards",
    ],
)
def test_near_miss_numbers_are_not_nhs_numbers(text):
    assert "an NHS number" not in find_identifiers(text)


@pytest.mark.parametrize(
    "text", ["call 07700 900123", "+44 7700 900123", "0113 496 0000", "(0113) 4960000", "tel 01632960001"]
)
def test_phone_numbers_are_found(text):
    assert "a phone number" in find_identifiers(text)


@pytest.mark.parametrize("text", ["ring 111 or 999", "ward 7 bay 12", "age 45", "0113"])
def test_near_miss_phone_numbers(text):
    assert "a phone number" not in find_identifiers(text)


@pytest.mark.parametrize("text", ["a.person@example.com", "email me: x_y+z@nhs.net"])
def test_email_addresses_are_found(text):
    assert "an email address" in find_identifiers(text)


@pytest.mark.parametrize("text", ["meet @ the clinic", "user@", "@nhsengland"])
def test_near_miss_emails(text):
    assert "an email address" not in find_identifiers(text)


@pytest.mark.parametrize("text", ["LS1 4AP", "ls14ap", "SW1A 1AA", "lives at EC1A 1BB", "M1 1AE"])
def test_full_postcodes_are_found(text):
    assert "a postcode" in find_identifiers(text)


@pytest.mark.parametrize("text", ["LS1", "lives in the LS6 area", "A1 road", "B12"])
def test_partial_postcodes_are_allowed(text):
    assert "a postcode" not in find_identifiers(text)


@pytest.mark.parametrize(
    "text", ["DOB 1/2/84", "born 12/03/1984", "12-03-1984", "12 March 1984", "March 12, 1984", "1984-03-12", "d.o.b"]
)
def test_dates_of_birth_are_found(text):
    assert "a date of birth" in find_identifiers(text)


@pytest.mark.parametrize("text", ["March 2024", "follow up 12/03", "in her 40s", "doberman at home", "2 weeks"])
def test_near_miss_dates(text):
    assert "a date of birth" not in find_identifiers(text)


def test_a_plain_note_is_clean():
    assert find_identifiers("Talked about cutting down; gave the stop smoking leaflet. Keen to try.") == []
