#!/usr/bin/env bash
# System packages the test suite needs (Debian): PostgreSQL for the store tests, Chromium for
# the browser tests of the web page (Playwright drives /usr/bin/chromium; it never downloads one).
# Idempotent: installs only what is missing. Needs root (as on the dev machines and CI).
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# PostgreSQL refuses to run as root: the test fixtures start their server as `postgres`
# (the Debian package creates that user; make sure it exists when the binaries came otherwise).
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
fi
