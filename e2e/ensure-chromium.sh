#!/usr/bin/env bash
# E2E runs in Debian's Chromium (Playwright can't download browsers here). Install it when missing.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "e2e needs Chromium at $CHROMIUM and this user can't install it: run 'sudo apt-get install -y chromium' once." >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "e2e needs Chromium at $CHROMIUM and there is no apt-get here: install Chromium and set CHROMIUM_PATH." >&2
  exit 1
fi
echo "Installing Debian chromium for the e2e tests (about a minute)..."
LOG=$(mktemp)
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium; } >"$LOG" 2>&1; then
  echo "Installing chromium with apt-get failed (log: $LOG); install it yourself with 'apt-get install -y chromium'." >&2
  exit 1
fi
[ -x "$CHROMIUM" ] || { echo "apt-get installed chromium but $CHROMIUM is missing; set CHROMIUM_PATH." >&2; exit 1; }
