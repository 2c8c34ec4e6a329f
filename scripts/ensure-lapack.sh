#!/usr/bin/env bash
# Installs Debian's reference LAPACK/BLAS (liblapack-dev) when it is missing. Idempotent and quiet when present.
set -euo pipefail
if command -v dpkg-query >/dev/null 2>&1; then
  if [ "$(dpkg-query -W -f='${Status}' liblapack-dev 2>/dev/null)" = "install ok installed" ]; then exit 0; fi
elif ldconfig -p 2>/dev/null | grep -q 'liblapack\.so ' && ldconfig -p 2>/dev/null | grep -q 'libblas\.so '; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: liblapack-dev is missing and apt-get is not available; install LAPACK and BLAS development files" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "error: installing liblapack-dev needs root; run: apt-get install liblapack-dev" >&2
    exit 1
  fi
fi
echo "Installing liblapack-dev (reference LAPACK and BLAS)…" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq liblapack-dev >&2
