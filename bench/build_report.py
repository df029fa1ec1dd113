"""Build one evaluation report exactly as the Celery task does, in this fresh process; print status and peak memory.

Run by bench/measures.py: `python -m bench.build_report REPORT_ID` with the benchmark's environment.
"""

import json
import resource
import sys


def main() -> None:
    import django

    django.setup()
    from evaluation import reports

    status = reports.build(int(sys.argv[1]))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"status": status, "peak_mb": round(peak_mb, 1)}))


if __name__ == "__main__":
    main()
