"""The floors of the house (README, "How it is built") are a contract that import-linter checks in `make test`.

These tests show the contract is live: on a copy of the code, one offending import is enough to break it.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PACKAGES = ("mecc", "evaluation", "implementation", "assessment", "training", "contacts", "organisations", "common")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture
def copy_of_the_code(tmp_path):
    """The project's Python packages and its pyproject.toml (which holds the contracts), in a scratch folder."""
    for package in PACKAGES:
        shutil.copytree(
            settings.BASE_DIR / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("templates", "static", "migrations", "__pycache__", "*.css"),
        )
    shutil.copy(settings.BASE_DIR / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_code_as_it_is_keeps_both_contracts(copy_of_the_code):
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "offending_import", "broken"),
    [
        ("contacts/probe.py", "import evaluation.models", "Each floor imports only the floors below it"),
        ("organisations/probe.py", "from contacts import models", "Each floor imports only the floors below it"),
        ("common/probe.py", "import organisations.roles", "Each floor imports only the floors below it"),
        ("implementation/probe.py", "from evaluation import reports", "Each floor imports only the floors below it"),
        ("assessment/probe.py", "import training.models", "The domain apps on one floor are independent"),
    ],
)
def test_one_offending_import_breaks_the_contract(copy_of_the_code, module, offending_import, broken):
    (copy_of_the_code / module).write_text(f'"""An import the floor plan forbids."""\n\n{offending_import}\n')
    result = lint_imports(copy_of_the_code)
    assert result.returncode != 0
    assert f"{broken}" in result.stdout and "BROKEN" in result.stdout
    assert module.removesuffix(".py").replace("/", ".") in result.stdout
