#!/usr/bin/env bash
# The report and dashboard tests drive a real headless Chromium (playwright-core drives Debian's
# chromium; it downloads no browser of its own), and the pages are Chinese: install the browser
# and a CJK font when they are missing.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk\|droid sans fallback" || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
/usr/bin/chromium --version
