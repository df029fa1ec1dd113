#!/usr/bin/env python
"""Django's command-line utility for MECC Programme Manager."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mecc.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - Django's own manage.py shape

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
