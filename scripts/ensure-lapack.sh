#!/usr/bin/env bash
# Installs Debian's reference LAPACK/BLAS (liblapack-dev) when it is missing. Idempotent and quiet when present.
set -euo pipefail
if command -v dpkg-query >/dev/null 2>&1; then
  if [ "$(dpkg-query -W -f='${Status}' liblapack-dev 2>/dev/null)" = "install ok installed" ]; then exit 0; fi
elif ldconfig -p 2>/dev/null | grep -q 'liblapack\.so ' && ldconfig -p 2>/dev/null | grep -q 'libblas\.so '; then
  exit 0
fi
exec bash "$(dirname "$0")/apt-install.sh" liblapack-dev "reference LAPACK and BLAS, which the package links"
