#!/usr/bin/env bash
# The tests and the scaled fault drill run several API processes behind Debian's HAProxy, started
# privately on local ports (the packaged service is not used): install it when it is missing.
set -euo pipefail
command -v haproxy >/dev/null && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq haproxy >/dev/null
haproxy -v | head -1
