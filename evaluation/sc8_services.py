"""SC8 writes: quarterly snapshots of every consenting provider's readings, and per-contract thresholds."""

import datetime

from django.db import transaction
from django.utils import timezone

from common import periods
from evaluation import sc8
from evaluation.models import SC8Snapshot
from organisations.models import CommissioningContract


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


def set_thresholds(contract, **values) -> None:
    contract.thresholds = {**(contract.thresholds or {}), **values}
    contract.save(update_fields=["thresholds"])
