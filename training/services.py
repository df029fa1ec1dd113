"""Writes for training: evaluations, attendance and records, CSV import of completions, survey answers."""

import csv
import hashlib
import hmac
import io
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from common.exports import looks_like_formula
from common.periods import parse_day
from organisations.models import Membership, StaffMember
from training import checklists, content
from training.models import (
    MarkerEvidenceFile,
    MarkerRating,
    QualityEvaluation,
    SurveyCard,
    SurveyResponse,
    TrainingRecord,
    TrainingResource,
)

IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_COLUMNS = ("email", "resource", "completed_on")


@transaction.atomic
def start_evaluation(resource, evaluator) -> QualityEvaluation:
    checklist = checklists.current()
    evaluation = QualityEvaluation.objects.create(
        organisation_id=resource.organisation_id,
        resource=resource,
        checklist_version=checklist.version,
        evaluator=evaluator,
    )
    MarkerRating.objects.bulk_create(
        [
            MarkerRating(organisation_id=resource.organisation_id, evaluation=evaluation, marker=m.code)
            for m in checklist.markers
        ]
    )
    return evaluation


def _draft(evaluation):
    locked = QualityEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if locked.is_complete:
        raise ValidationError("This evaluation is complete and read-only. Start a new one.")
    return locked


@transaction.atomic
def save_ratings(evaluation, answers: dict, files: dict | None = None) -> None:
    """answers: {marker code: {"rating", "evidence", "action", "action_due"}}; files: {marker code: (upload, type)}."""
    _draft(evaluation)
    for rating in evaluation.ratings.all():
        if rating.marker in answers:
            for field, value in answers[rating.marker].items():
                setattr(rating, field, value if value is not None or field == "action_due" else "")
            rating.save()
        if files and rating.marker in files:
            upload, content_type = files[rating.marker]
            MarkerEvidenceFile.objects.create(
                organisation_id=evaluation.organisation_id,
                rating=rating,
                file=upload,
                original_name=upload.name[:200],
                content_type=content_type,
                size=upload.size,
            )


def completion_problems(evaluation) -> list[tuple[str, str]]:
    """(marker code, message) for everything that stops completion."""
    problems = []
    ratings = {r.marker: r for r in evaluation.ratings.all()}
    for number, marker in enumerate(checklists.for_version(evaluation.checklist_version).markers, start=1):
        rating = ratings[marker.code]
        if not rating.rating:
            problems.append((marker.code, f"Rate marker {number}: {marker.text}"))
        elif rating.rating != content.FULLY_MET and not (rating.action.strip() and rating.action_due):
            problems.append((marker.code, f"Give an action and a due date for marker {number}, which is not fully met"))
    return problems


@transaction.atomic
def complete_evaluation(evaluation) -> QualityEvaluation:
    locked = _draft(evaluation)
    problems = completion_problems(locked)
    if problems:
        raise ValidationError([message for _, message in problems])
    locked.status, locked.completed_at = QualityEvaluation.Status.COMPLETE, timezone.now()
    locked.save(update_fields=["status", "completed_at"])
    return locked


@transaction.atomic
def set_attendance(session, memberships, roster_people=()) -> int:
    """Attendees (members, and people on the staff roster without an account) get a training record for the
    session's resource on its date; returns how many were added."""
    session.attendees.set(memberships)
    session.roster_attendees.set(roster_people)
    added = 0
    people = [{"membership": m} for m in memberships] + [{"staff_member": p} for p in roster_people]
    for who in people:
        _, created = TrainingRecord.objects.get_or_create(
            organisation_id=session.organisation_id,
            resource=session.resource,
            completed_on=session.date,
            **who,
            defaults={"source": TrainingRecord.Source.SESSION},
        )
        added += created
    return added


def respondent_key(session, user) -> str:
    """The same person gets the same key for a session's pre and post answers; no one can read a name from it."""
    message = f"survey:{session.pk}:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


MAX_CARDS = 200


def card_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def make_cards(session, count: int) -> list[str]:
    """`count` new answer cards for the session; their codes are returned once and never stored."""
    if not 1 <= count <= MAX_CARDS:
        raise ValidationError(f"Make between 1 and {MAX_CARDS} cards at a time")
    codes = [secrets.token_urlsafe(12) for _ in range(count)]
    SurveyCard.objects.bulk_create(
        [SurveyCard(organisation_id=session.organisation_id, session=session, code_hash=card_hash(c)) for c in codes]
    )
    return codes


def card_for(code: str) -> SurveyCard | None:
    return SurveyCard.objects.select_related("session__resource").filter(code_hash=card_hash(code)).first()


def submit_by_card(card, stage, answers) -> SurveyResponse:
    """The card's answers, under the card's hash: its pre and post answers link, and nothing links them to anyone."""
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                organisation_id=card.organisation_id, session=card.session, stage=stage,
                respondent_key=card.code_hash, answers=answers,
            )  # fmt: skip
    except IntegrityError as error:
        raise ValidationError("This card has already been used to answer this survey") from error


def submit_survey(session, user, stage, answers) -> SurveyResponse:
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(
                organisation_id=session.organisation_id,
                session=session,
                stage=stage,
                respondent_key=respondent_key(session, user),
                answers=answers,
            )
    except IntegrityError as error:
        raise ValidationError("You have already answered this survey") from error


def import_records(organisation, upload) -> dict:
    """Completions from an e-learning platform's CSV (email, resource, completed_on[, valid_until]): an uploaded file
    (or bytes), read row by row, never whole (security review M6).

    Valid rows are recorded (a completion already recorded is skipped); each rejected row comes back with why (the
    first REJECTED_KEPT of them, with how many in all).
    """
    handle = io.BytesIO(upload) if isinstance(upload, bytes) else upload
    size = len(upload) if isinstance(upload, bytes) else upload.size
    if size > IMPORT_MAX_BYTES:
        raise ValidationError("The file is larger than 5 MB")
    handle.seek(0)
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        return _import_rows(organisation, text)
    except UnicodeDecodeError as error:
        raise ValidationError("The file is not UTF-8 text: save it as 'CSV UTF-8'") from error
    except csv.Error as error:
        raise ValidationError(f"The file could not be read as CSV: {error}") from error
    finally:
        text.detach()  # the upload is closed by whoever opened it


REJECTED_KEPT = 1000


@transaction.atomic  # a file that turns out unreadable half-way records none of its rows
def _import_rows(organisation, text) -> dict:
    reader = csv.DictReader(text)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in IMPORT_COLUMNS if c not in header]
    if missing:
        raise ValidationError(f"The file is missing these columns: {', '.join(missing)}")
    reader.fieldnames = header
    members = {
        m.user.email.lower(): m
        for m in Membership.objects.for_organisation(organisation).active().select_related("user")
    }
    # Staff on the roster without an account are named by work email or staff number (issue 21); an account whose
    # email is on the roster records against the account, as the coverage figure links the two.
    roster = StaffMember.objects.for_organisation(organisation).only("pk", "email", "staff_number")
    roster_by_email = {p.email: p for p in roster if p.email}
    roster_by_number = {p.staff_number: p for p in roster if p.staff_number}
    resources = {r.name.lower(): r for r in organisation_resources(organisation)}
    added, skipped, rejected, rejected_count = 0, 0, [], 0
    for number, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        errors = []
        if any(looks_like_formula(v) for v in row.values()):
            errors.append("a cell looks like a spreadsheet formula")
        email, staff_number = row.get("email", "").lower(), row.get("staff_number", "")
        who = None
        if email in members:
            who = {"membership": members[email]}
        elif email in roster_by_email or staff_number in roster_by_number:
            who = {"staff_member": roster_by_email.get(email) or roster_by_number[staff_number]}
        else:
            errors.append(f"no active member or person on the staff roster with the email '{row.get('email', '')}'"
                          + (f" or staff number '{staff_number}'" if staff_number else ""))  # fmt: skip
        resource = resources.get(row.get("resource", "").lower())
        if resource is None:
            errors.append(f"no training resource called '{row.get('resource', '')}'")
        completed = parse_day(row.get("completed_on", ""))
        valid_until = parse_day(row.get("valid_until", "")) if row.get("valid_until") else None
        if completed is None or completed > timezone.localdate():
            errors.append("completed_on: a past date as YYYY-MM-DD or DD/MM/YYYY")
        if row.get("valid_until") and (valid_until is None or (completed and valid_until < completed)):
            errors.append("valid_until: a date on or after completed_on")
        if errors:
            rejected_count += 1
            if len(rejected) < REJECTED_KEPT:
                rejected.append({"row": number, "errors": errors})
            continue
        _, created = TrainingRecord.objects.get_or_create(
            organisation=organisation,
            **who,
            resource=resource,
            completed_on=completed,
            defaults={"valid_until": valid_until, "source": TrainingRecord.Source.IMPORT},
        )
        added, skipped = added + created, skipped + (not created)
    return {"added": added, "skipped": skipped, "rejected": rejected, "rejected_count": rejected_count}


def organisation_resources(organisation):
    return TrainingResource.objects.for_organisation(organisation)
