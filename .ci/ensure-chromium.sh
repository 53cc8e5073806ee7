#!/usr/bin/env bash
# The report tests print the HTML report to PDF in a real headless Chromium (playwright-core
# drives Debian's chromium; it downloads no browser of its own). Install it when it is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
