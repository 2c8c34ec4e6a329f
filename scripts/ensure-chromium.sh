#!/usr/bin/env bash
# Installs Debian's Chromium when it is missing: the test suite renders the HTML reports in headless Chromium
# (Tests/OutcomeReportCLITests/HTMLReportBrowserTests.swift). Idempotent and quiet when present.
set -euo pipefail
for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then exit 0; fi
done
exec bash "$(dirname "$0")/apt-install.sh" chromium "the browser tests of the HTML reports"
