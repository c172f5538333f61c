#!/usr/bin/env bash
# Installs Debian packages (with sudo when not root), or says what to install
# where there is no apt-get. Usage: scripts/apt-install.sh "what for" PKG...
set -euo pipefail
purpose="$1"
shift
if ! command -v apt-get >/dev/null 2>&1; then
    echo "qiangji needs for $purpose: $* (install them, then run again)" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "Installing for $purpose: $*" >&2
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
