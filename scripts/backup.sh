#!/usr/bin/env bash
# Back up the database named by DATABASE_URL and the uploaded files under MEDIA_ROOT into a folder.
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/mecc/media scripts/backup.sh /backups/2026-11-24
# PostgreSQL: pg_dump's custom format (consistent while the app runs). SQLite: SQLite's online backup API.
# Media: a tar of the folder. docs/security.md ("Backup and restore") describes restoring.
set -euo pipefail
target=${1:?usage: scripts/backup.sh FOLDER}
database_url=${DATABASE_URL:-sqlite:///db.sqlite3}
media=${MEDIA_ROOT:-media}
python=${PYTHON:-python3}
mkdir -p "$target"
case "$database_url" in
  postgres://*|postgresql://*)
    pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" "$database_url" ;;
  sqlite:///*)
    "$python" -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
      "${database_url#sqlite:///}" "$target/database.sqlite3" ;;
  *) echo "Unsupported DATABASE_URL: $database_url" >&2; exit 2 ;;
esac
if [ -d "$media" ]; then
  tar -czf "$target/media.tar.gz" -C "$media" .
fi
echo "Backed up to $target"
