#!/usr/bin/env bash
# Restore a folder made by scripts/backup.sh into the (empty, already created) database named by DATABASE_URL
# and into MEDIA_ROOT.
#   createdb mecc_restored
#   DATABASE_URL=postgres://.../mecc_restored MEDIA_ROOT=/srv/mecc/media scripts/restore.sh /backups/2026-11-24
set -euo pipefail
source=${1:?usage: scripts/restore.sh FOLDER}
database_url=${DATABASE_URL:-sqlite:///db.sqlite3}
media=${MEDIA_ROOT:-media}
case "$database_url" in
  postgres://*|postgresql://*)
    pg_restore --no-owner --no-privileges --exit-on-error --dbname="$database_url" "$source/database.dump" ;;
  sqlite:///*)
    cp "$source/database.sqlite3" "${database_url#sqlite:///}" ;;
  *) echo "Unsupported DATABASE_URL: $database_url" >&2; exit 2 ;;
esac
if [ -f "$source/media.tar.gz" ]; then
  mkdir -p "$media"
  tar -xzf "$source/media.tar.gz" -C "$media"
fi
echo "Restored from $source"
