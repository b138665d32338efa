#!/usr/bin/env bash
# Install what actorgraph needs from the system's package manager, only when it is missing:
# Java 17+ and Maven (for the local Neo4j), the fonts the dashboard and image exports are
# designed with (Liberation Sans/Mono, fonts-liberation2; DejaVu is the fallback), and with
# --browser Debian's Chromium (browser tests, image export). Never downloads a browser or a
# tarball from anywhere else.
set -euo pipefail

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

missing=()
java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
  missing+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null 2>&1 || missing+=(maven)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] \
  || missing+=(fonts-liberation2)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || missing+=(npm)  # fetches the map's base layers
if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-venv)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "actorgraph needs these system packages: ${missing[*]} (run as root or install them)" >&2
    exit 1
  fi
else
  SUDO=
fi
echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
