#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the project needs, only when something is missing.
# Chromium drives the browser tests; pango is for WeasyPrint PDFs; python3-venv and npm for the installs.
# With the argument "bench" (make bench), also pgbench, the benchmark's database ceiling.
set -euo pipefail

missing=()
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || missing+=(python3-venv)
[ -x /usr/bin/chromium ] || missing+=(chromium)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi "Liberation Sans" || missing+=(fonts-liberation2)
if [ "${1:-}" = "bench" ]; then
  command -v pgbench >/dev/null 2>&1 || missing+=(postgresql-contrib)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
