"""Render the first page of each section of the newest demo report to PNG in docs/images/report/.

Run after `make run` (or `manage.py seed_demo`) with the same environment; needs pdftoppm (Debian poppler-utils).
"""

import io
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mecc.settings")
os.environ.setdefault("DEBUG", "true")

SECTIONS = [
    ("cover", "Key figures"),
    ("inputs", "1. Inputs"),
    ("activities", "2. Activities and outputs"),
    ("conversations", "conversations were recorded in the period"),
    ("outcomes", "3. Outcomes"),
    ("readiness", "4. Organisational readiness"),
    ("implementation", "5. Implementation progress"),
    ("sc8", "6. SC8 position"),
    ("recommendations", "7. Recommendations"),
]


def main():
    import django

    django.setup()
    from pypdf import PdfReader

    from evaluation.models import EvaluationReport

    report = EvaluationReport.objects.filter(status="ready").order_by("-finished_at").first()
    if report is None:
        sys.exit("No ready report: run `make run` or `python manage.py seed_demo` first.")
    pdf = Path(report.file.path)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages]
    out = ROOT / "docs" / "images" / "report"
    out.mkdir(parents=True, exist_ok=True)
    for number, (name, marker) in enumerate(SECTIONS, start=1):
        page = next(i for i, text in enumerate(pages, start=1) if marker in text)
        target = out / f"report-{number}-{name}"
        subprocess.run(  # noqa: S603 - fixed program, our own arguments
            ["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(target)],  # noqa: S607
            check=True,
        )
        print(f"{target}.png: page {page}")


if __name__ == "__main__":
    main()
