#!/usr/bin/env bash
# Install what kronika's browser tests need: Debian's Chromium at /usr/bin/chromium (Playwright drives it;
# `playwright install` is never used). Idempotent: does nothing when Chromium is already there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    echo "install-browser: $CHROMIUM is already installed ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-browser: need root (or sudo) to install the chromium package" >&2
        exit 1
    fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: apt-get not found; install Chromium so that $CHROMIUM exists" >&2
    exit 1
fi

echo "install-browser: apt-get update"
$SUDO apt-get update -qq
echo "install-browser: apt-get install chromium"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
echo "install-browser: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
