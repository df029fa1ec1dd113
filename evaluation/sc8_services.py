"""SC8 writes: quarterly snapshots of every consenting provider's readings, and per-contract thresholds."""

import datetime

from django.db import transaction
from django.utils import timezone

from common import periods
from evaluation import sc8
from evaluation.models import SC8Snapshot
from organisations.models import AuditEvent, CommissioningContract


@transaction.atomic
def take_snapshots(today: datetime.date | None = None) -> int:
    """Store this quarter's readings for every consented contract; taking them again replaces them."""
    today = today or timezone.localdate()
    quarter = periods.quarter_of(today).start
    stored = 0
    contracts = CommissioningContract.objects.consented().select_related("commissioner", "provider")
    for contract in contracts:
        reading = sc8.readings([contract.provider], {contract.provider_id: sc8.thresholds_for(contract)}, today)
        for indicator, value in reading[contract.provider_id].items():
            SC8Snapshot.objects.update_or_create(
                commissioner=contract.commissioner,
                provider=contract.provider,
                quarter=quarter,
                indicator=indicator,
                defaults={
                    "status": value.status,
                    "value": value.value[:60],
                    "evidence": value.evidence[:300],
                    "taken_at": timezone.now(),
                },
            )
            stored += 1
    return stored


def set_thresholds(contract, changed_by=None, **values) -> None:
    """Save a contract's own targets, and keep what changed in the commissioner's audit trail (the history)."""
    before = sc8.thresholds_for(contract)
    contract.thresholds = {**(contract.thresholds or {}), **values}
    contract.save(update_fields=["thresholds"])
    after = sc8.thresholds_for(contract)
    changes = [
        f"{TARGET_LABELS[key]} {before[key]} to {after[key]}" for key in TARGET_LABELS if before[key] != after[key]
    ]
    AuditEvent.record(
        AuditEvent.Kind.SC8_TARGETS_SET,
        f"{contract.reference} ({contract.provider.name}): " + ("; ".join(changes) or "saved unchanged"),
        organisation=contract.commissioner,
        user=changed_by,
    )


TARGET_LABELS = {
    "trained_target": "trained target (%)",
    "trained_amber_gap": "amber gap (points)",
    "activity_target": "conversations per 1,000 staff a quarter",
}


def target_history(contract):
    """The changes of this contract's targets, newest first (AuditEvents named by its reference)."""
    return AuditEvent.objects.filter(
        organisation=contract.commissioner,
        kind=AuditEvent.Kind.SC8_TARGETS_SET,
        summary__startswith=f"{contract.reference} (",
    ).select_related("user")
