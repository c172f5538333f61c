#!/usr/bin/env bash
# Installs what the browser test of report.html needs, when it is missing:
# Chromium (to load the page headless) and the Noto CJK fonts (so that
# Chinese labels render). Debian/Ubuntu only; elsewhere, install them with
# your package manager. Prints the path of the browser.
set -euo pipefail

browser=""
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then
        browser="$candidate"
        break
    fi
done
have_cjk_font() {
    command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family | grep -qi "cjk"
}

missing=()
[ -n "$browser" ] || missing+=(chromium)
have_cjk_font || missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -gt 0 ]; then
    "$(dirname "$0")/apt-install.sh" "the browser test of report.html" "${missing[@]}"
    browser="/usr/bin/chromium"
fi
echo "$browser"
