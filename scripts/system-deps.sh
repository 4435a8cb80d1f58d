#!/usr/bin/env bash
# System packages the test suite needs (Debian): PostgreSQL for the store tests.
# Idempotent: installs only what is missing. Needs root (as on the dev machines and CI).
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
