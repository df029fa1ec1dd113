"""The staff roster's CSV import: the kind of file an NHS workforce system (ESR and the like) exports.

The same rules as the conversation import: every row is checked and comes back with its problems; if any row has
one, nothing is saved, so a corrected file can simply be uploaded again. A person is known by staff number (or,
without one, by work email address), so importing the next month's export updates people already on the roster
(their team, dates, email) instead of adding them twice, and never removes anyone who is not in the file.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from common.exports import looks_like_formula
from common.periods import parse_day
from organisations.models import StaffMember, Team

MAX_BYTES = 5 * 1024 * 1024
REJECTED_KEPT = 1000

# Our column -> the headings that mean it in the files people have (lower case, spaces and underscores alike).
COLUMNS = {
    "name": ("name", "full name", "employee name", "staff name"),
    "staff_number": ("staff number", "employee number", "assignment number", "person number"),
    "email": ("email", "work email", "email address", "work email address"),
    "team": ("team", "department", "ward", "service"),
    "frontline": ("frontline", "patient facing", "public facing"),
    "start_date": ("start date", "hire date", "assignment start date", "started"),
    "leave_date": ("leave date", "termination date", "end date", "assignment end date", "left"),
}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
EXAMPLE_ROW = ["Sam Patel", "10034567", "sam.patel@northgate.nhs.uk", "Emergency department", "yes", "01/04/2024", ""]


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(list(COLUMNS))
    writer.writerow(EXAMPLE_ROW)
    return out.getvalue()


@dataclass
class RosterImport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)
    rejected_count: int = 0

    @property
    def saved(self) -> bool:
        return self.rejected_count == 0


def import_roster(organisation, upload) -> RosterImport:
    """Check every row of an uploaded CSV (read row by row, never whole), then save all or nothing."""
    if upload.size > MAX_BYTES:
        raise ValidationError("The file is larger than 5 MB")
    upload.seek(0)
    text = io.TextIOWrapper(upload, encoding="utf-8-sig", newline="")
    try:
        return _import(organisation, csv.reader(text))
    except UnicodeDecodeError as error:
        raise ValidationError("The file is not UTF-8 text: save it as 'CSV UTF-8'") from error
    except csv.Error as error:
        raise ValidationError(f"The file could not be read as CSV: {error}") from error
    finally:
        text.detach()


def _columns(header: list[str]) -> dict[str, int]:
    def plain(heading):
        return " ".join(heading.replace("_", " ").strip().lower().split())

    found = {}
    for position, heading in enumerate(header):
        for column, names in COLUMNS.items():
            if plain(heading) in names and column not in found:
                found[column] = position
    if "name" not in found or not ({"staff_number", "email"} & set(found)):
        raise ValidationError(
            "The file needs a name column and a staff number or email column (see the template for the headings)"
        )
    return found


@transaction.atomic  # all or nothing, and a file that turns out unreadable half-way saves none of its rows
def _import(organisation, reader) -> RosterImport:
    header = next(reader, None)
    if header is None:
        raise ValidationError("The file is empty")
    positions = _columns(header)
    teams = {team.name.lower(): team for team in Team.objects.for_organisation(organisation)}
    people = list(StaffMember.objects.for_organisation(organisation))
    by_number = {p.staff_number: p for p in people if p.staff_number}
    by_email = {p.email: p for p in people if p.email}
    result, seen, changes = RosterImport(), set(), []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = {column: (cells[at].strip() if at < len(cells) else "") for column, at in positions.items()}
        values, errors = _checked(row, teams)
        keys = {values["staff_number"], values["email"]} - {""}
        if keys & seen:
            errors.append("the same staff number or email address is on an earlier row")
        person = by_number.get(values["staff_number"]) if values["staff_number"] else None
        person = person or (by_email.get(values["email"]) if values["email"] else None)
        if values["email"] and by_email.get(values["email"], person) != person:
            errors.append("email: already on the roster for someone with another staff number")
        if errors:
            result.rejected_count += 1
            if len(result.rejected) < REJECTED_KEPT:
                result.rejected.append({"row": number, "errors": errors})
            continue
        seen |= keys
        changes.append((person, values))
    if result.rejected_count:
        return result
    for person, values in changes:
        if person is None:
            StaffMember.objects.create(organisation=organisation, **values)
            result.added += 1
        elif any(getattr(person, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(person, name, value)
            person.save()
            result.updated += 1
        else:
            result.unchanged += 1
    return result


def _checked(row: dict, teams: dict) -> tuple[dict, list[str]]:
    errors = []
    if any(looks_like_formula(value) for value in row.values()):
        errors.append("a cell looks like a spreadsheet formula")
    values = {
        "name": row.get("name", ""),
        "staff_number": row.get("staff_number", ""),
        "email": row.get("email", "").lower(),
    }
    if not values["name"]:
        errors.append("name: enter the person's name")
    elif len(values["name"]) > 150:
        errors.append("name: 150 characters at most")
    if not values["staff_number"] and not values["email"]:
        errors.append("a staff number or a work email address is needed to know the person again")
    if len(values["staff_number"]) > 30:
        errors.append("staff_number: 30 characters at most")
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append("email: not an email address")
    if "team" in row:
        team_name = row["team"]
        values["team"] = teams.get(team_name.lower()) if team_name else None
        if team_name and values["team"] is None:
            errors.append("team: no team of that name (add it on the Teams page first)")
    if "frontline" in row:
        answer = row["frontline"].lower()
        if answer in YES or answer in NO:
            values["frontline"] = answer in YES
        elif answer:
            errors.append("frontline: yes or no")
    for column, name in (("start_date", "started_on"), ("leave_date", "left_on")):
        if column in row:
            day = parse_day(row[column]) if row[column] else None
            if row[column] and day is None:
                errors.append(f"{column}: a date as DD/MM/YYYY or YYYY-MM-DD")
            values[name] = day
    if values.get("started_on") and values.get("left_on") and values["left_on"] < values["started_on"]:
        errors.append("leave_date: on or after the start date")
    return values, errors
