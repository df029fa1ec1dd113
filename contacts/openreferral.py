"""Open Referral UK (the UK profile of HSDS 3.0) for the signposting directory: the feed another system reads, and
the import of a feed saved to disk (issue 20).

The feed publishes an organisation's shared, active entries, only once it has chosen to (`publishes_directory`);
a commissioner's feed adds the entries of consenting providers that publish theirs. Ids are stable UUIDs: an entry
made here gets one derived from its primary key, an imported one keeps the id it had in its source, so a feed this
service produced imports back without duplicates. The mapping (model field -> HSDS field) is in docs/contact-log.md;
the schema the tests validate against is kept in contacts/openreferral_schema/ (docs/sources.md, S10).
"""

import datetime
import json
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from contacts import content
from contacts.models import Service
from organisations.models import Organisation
from organisations.selectors import consenting_providers

VERSION = "3.0"
PROFILE = "https://github.com/openreferral/uk-profile"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
NAMESPACE = uuid.UUID("0b7c6a52-5d1e-4f43-9f0e-2f3b8e4a6c11")
TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:mecc"))
PER_PAGE, MAX_PER_PAGE = 50, 200
MAX_IMPORT_BYTES = 10 * 1024 * 1024
TERMS = [*content.TOPICS, *content.DETERMINANTS]


def term_id(code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"term:{code}"))


def organisation_id(organisation: Organisation) -> str:
    return str(uuid.uuid5(NAMESPACE, f"organisation:{organisation.pk}"))


def service_id(service: Service) -> str:
    return service.external_id if service.origin else str(uuid.uuid5(NAMESPACE, f"service:{service.pk}"))


def published(organisation: Organisation):
    """The entries a feed publishes: the organisation's shared active ones and, for a commissioner, those of its
    consenting providers that publish their own."""
    owners = [organisation.pk]
    if organisation.commissions:
        owners += list(consenting_providers(organisation).filter(publishes_directory=True).values_list("pk", flat=True))
    return (
        Service.objects.filter(organisation_id__in=owners, shared=True, is_active=True)
        .select_related("organisation")
        .order_by("name", "pk")
    )


def filtered(services, search: str = "", taxonomy_term_id: str = "", taxonomy_id: str = ""):
    if search:
        services = services.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if taxonomy_id and taxonomy_id != TAXONOMY_ID:
        return services.none()
    if taxonomy_term_id:
        term = next((item for item in TERMS if term_id(item.code) == taxonomy_term_id), None)
        if term is None:
            return services.none()
        if term in content.TOPICS:
            services = services.with_bit("topics", content.TOPICS, term.code)
        else:
            services = services.with_bit("determinants", content.DETERMINANTS, term.code)
    return services


def page(services, number: int, size: int) -> dict:
    total = services.count()
    pages = max(1, -(-total // size))
    number = min(max(number, 1), pages)
    rows = list(services[(number - 1) * size : number * size])
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(rows),
        "first_page": number == 1,
        "last_page": number == pages,
        "empty": total == 0,
        "contents": [summary(service) for service in rows],
    }


def _organisation(organisation: Organisation) -> dict:
    found = {
        "id": organisation_id(organisation),
        "name": organisation.name,
        "description": f"{organisation.get_kind_display()} in England",
    }
    if organisation.ods_code:
        found["organization_identifiers"] = [
            {
                "id": str(uuid.uuid5(NAMESPACE, f"ods:{organisation.pk}")),
                "organization_id": found["id"],
                "identifier_scheme": "ODS",
                "identifier_type": "NHS ODS code",
                "identifier": organisation.ods_code,
            }
        ]
    return found


def summary(service: Service) -> dict:
    """The one-to-one fields of a service (the /services list)."""
    found = {
        "id": service_id(service),
        "organization_id": organisation_id(service.organisation),
        "name": service.name,
        "description": service.description,
        "status": "active" if service.is_active else "inactive",
        "last_modified": service.reviewed_at.isoformat(timespec="milliseconds"),
        "organization": _organisation(service.organisation),
    }
    if service.website:
        found["url"] = service.website
    return found


def full(service: Service) -> dict:
    """A service with its related data (/services/{id})."""
    sid = service_id(service)

    def child(kind: str) -> str:
        return str(uuid.uuid5(NAMESPACE, f"{kind}:{sid}"))

    found = summary(service)
    found["attributes"] = [
        {
            "id": str(uuid.uuid5(NAMESPACE, f"attribute:{sid}:{item.code}")),
            "link_id": sid,
            "link_type": "service",
            "taxonomy_term_id": term_id(item.code),
            "taxonomy_term": {
                "id": term_id(item.code),
                "name": item.label,
                "description": f"{item.label}: {_kind(item)} of a MECC conversation",
                "taxonomy_id": TAXONOMY_ID,
                "taxonomy": "MECC topics and wider determinants (this service's own)",
                "term": item.code,
            },
        }
        for item in TERMS
        if item.code in service.topic_codes + service.determinant_codes
    ]
    schedule = {"id": child("schedule"), "service_id": sid}
    if service.open_days and service.opens_at and service.closes_at:
        schedule.update(
            freq="WEEKLY", byday=",".join(service.open_day_codes),
            opens_at=service.opens_at.strftime("%H:%M:%S"), closes_at=service.closes_at.strftime("%H:%M:%S"),
        )  # fmt: skip
    if service.opening_times:
        schedule["description"] = service.opening_times
    found["schedules"] = [schedule] if len(schedule) > 2 else []
    found["service_at_locations"] = (
        [
            {
                "id": child("service-at-location"),
                "service_id": sid,
                "location_id": child("location"),
                "location": {
                    "id": child("location"),
                    "location_type": "physical",
                    "name": service.name,
                    "addresses": [
                        {
                            "id": child("address"),
                            "location_id": child("location"),
                            "address_1": service.address,
                            "city": service.town,
                            "state_province": "",
                            "postal_code": service.postcode,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],  # fmt: skip
                },
            }
        ]
        if service.address and service.postcode
        else []
    )
    found["service_areas"] = (
        [{"id": child("area"), "service_id": sid, "name": service.area_served}] if service.area_served else []
    )
    found["contacts"] = (
        [
            {
                "id": child("contact"),
                "service_id": sid,
                "name": "Telephone",
                "phones": [{"id": child("phone"), "number": service.phone}],
            }
        ]  # fmt: skip
        if service.phone
        else []
    )
    return found


def _kind(item) -> str:
    return "a lifestyle topic" if item in content.TOPICS else "a wider determinant of health"


def find(organisation: Organisation, wanted: str) -> Service | None:
    for service in published(organisation).filter(Q(origin="") | Q(external_id=wanted)):
        if service_id(service) == wanted:
            return service
    return None


# Import -------------------------------------------------------------------------------------------------------


@dataclass
class DirectoryImport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)


class FeedProblem(Exception):
    """The whole file is unusable; the message says why."""


def read_feed(upload) -> list[dict]:
    """The services of a saved feed: a /services page ({"contents": [...]}), a list of services, or one service."""
    if upload.size > MAX_IMPORT_BYTES:
        raise FeedProblem("The file is larger than 10 MB")
    try:
        data = json.load(upload)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedProblem(f"The file is not JSON: {error}") from error
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return data["contents"]
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and "name" in data:
        return [data]
    raise FeedProblem("The file holds no services: expected a /services page, a list of services, or one service")


@transaction.atomic
def import_feed(organisation: Organisation, services: list[dict], origin: str) -> DirectoryImport:
    """Entries from an Open Referral UK feed into the organisation's directory, marked with their origin; an entry
    imported before (same origin and id) is brought up to date, never added twice. Rows with problems are listed."""
    result = DirectoryImport()
    existing = {s.external_id: s for s in Service.objects.for_organisation(organisation).filter(origin=origin)}
    names = set(Service.objects.for_organisation(organisation).exclude(origin=origin).values_list("name", flat=True))
    by_label = {item.label.lower(): item for item in TERMS} | {item.code: item for item in TERMS}
    for number, raw in enumerate(services, start=1):
        values, problems = _entry(raw, by_label)
        if not problems and values["name"] in names:
            problems.append("a service of this name is already in the directory")
        if problems:
            result.rejected.append({"row": number, "name": str(raw.get("name", ""))[:150], "errors": problems})
            continue
        external_id = values.pop("external_id")
        service = existing.get(external_id)
        if service is None:
            service = Service(organisation=organisation, origin=origin, external_id=external_id)
            result.added += 1
        elif all(getattr(service, name) == value for name, value in values.items()):
            result.unchanged += 1
            continue
        else:
            result.updated += 1
        for name, value in values.items():
            setattr(service, name, value)
        service.reviewed_at = timezone.now()
        service.save()
        existing[external_id] = service
    return result


def _time(value) -> datetime.time | None:
    try:
        return datetime.time.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _entry(raw, by_label) -> tuple[dict, list[str]]:
    problems = []
    if not isinstance(raw, dict):
        return {}, ["not a service object"]
    external_id = str(raw.get("id") or "").strip()
    name = str(raw.get("name") or "").strip()
    if not external_id:
        problems.append("id: missing")
    if not name:
        problems.append("name: missing")
    elif len(name) > 150:
        problems.append("name: longer than 150 characters")
    status = raw.get("status", "active")
    if status not in ("active", "inactive", "defunct", "temporarily closed"):
        problems.append(f"status: '{status}' is not one of the standard's")
    topics, determinants = [], []
    for attribute in raw.get("attributes") or []:
        term = (attribute or {}).get("taxonomy_term") or {}
        found = by_label.get(str(term.get("term") or "").lower()) or by_label.get(str(term.get("name") or "").lower())
        if found is not None:
            (topics if found in content.TOPICS else determinants).append(found.code)
    schedule = next((s for s in raw.get("schedules") or [] if s and s.get("byday") and s.get("opens_at")), {})
    days = [day for day in str(schedule.get("byday") or "").upper().split(",") if day]
    address = next(
        (
            a
            for place in raw.get("service_at_locations") or []
            for a in ((place or {}).get("location") or {}).get("addresses") or []
            if a and a.get("address_1")
        ),
        {},
    )
    phones = [
        phone.get("number")
        for contact in raw.get("contacts") or []
        for phone in (contact or {}).get("phones") or []
        if phone.get("number")
    ]
    values = {
        "external_id": external_id,
        "name": name,
        "description": str(raw.get("description") or "")[:1000],
        "website": str(raw.get("url") or "")[:200],
        "is_active": status == "active",
        "opening_times": "; ".join(
            str(s.get("description")) for s in raw.get("schedules") or [] if s and s.get("description")
        )[:200],
        "area_served": "; ".join(str(a.get("name")) for a in raw.get("service_areas") or [] if a and a.get("name"))[
            :150
        ],
        "phone": str(phones[0])[:40] if phones else "",
        "topics": content.to_mask(content.TOPICS, topics),
        "determinants": content.to_mask(content.DETERMINANTS, determinants),
        "open_days": content.to_mask(content.WEEKDAYS, [d for d in days if d in {w.code for w in content.WEEKDAYS}]),
        "opens_at": _time(schedule.get("opens_at")),
        "closes_at": _time(schedule.get("closes_at")),
        "address": str(address.get("address_1") or "")[:200],
        "town": str(address.get("city") or "")[:100],
        "postcode": str(address.get("postal_code") or "")[:10].upper(),
    }
    if schedule and (values["opens_at"] is None or values["closes_at"] is None):
        problems.append("schedules: opens_at and closes_at as hh:mm or hh:mm:ss")
    if values["website"] and not values["website"].startswith(("https://", "http://")):
        problems.append("url: not a web address")
    return values, problems
