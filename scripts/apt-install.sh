#!/usr/bin/env bash
# apt-install.sh PACKAGE WHY: installs one Debian package with apt-get, as root or through sudo, for the ensure-*.sh
# scripts. Fails with a message naming the package when apt-get or root is not available.
set -euo pipefail
package="$1"
why="$2"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: $package is missing and apt-get is not available; install it ($why)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "error: installing $package needs root; run: apt-get install $package" >&2
    exit 1
  fi
fi
echo "Installing $package ($why)…" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$package" >&2
