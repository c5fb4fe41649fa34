#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no browser download from npm works on these
# machines). Install it, with a CJK font, when it is missing and we are allowed to.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "Chromium is missing at $CHROMIUM and this user cannot install it: run 'sudo apt-get install -y chromium fonts-noto-cjk' or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi
echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
