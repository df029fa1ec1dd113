"""The conversation log's XLSX as it was built before issue 19 (django-tables2's export through tablib, the whole
workbook in memory inside the request), run in this fresh process; prints rows, seconds and peak memory.

Run by bench/downloads.py: `python -m bench.export_probe ORGANISATION_ID DATE_FROM` with the benchmark's environment.
"""

import json
import resource
import sys
import time


def main() -> None:
    import django

    django.setup()
    from common.exports import SafeTableExport
    from contacts.models import Conversation
    from contacts.tables import ConversationTable

    rows = Conversation.objects.filter(organisation_id=int(sys.argv[1]), occurred_on__gte=sys.argv[2])
    start = time.perf_counter()
    content = SafeTableExport("xlsx", ConversationTable(rows.select_related("team"))).export()
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": rows.count(), "seconds": round(seconds, 2), "peak_mb": round(peak_mb, 1),
                      "bytes": len(content)}))  # fmt: skip


if __name__ == "__main__":
    main()
