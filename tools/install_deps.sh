#!/bin/sh
# Installs the Debian 12 packages pyrs needs to build and test (DESIGN.md section 10),
# only when some are missing. Run as root or with sudo available.
set -eu

PKGS="cmake make clang lld re2c lemon libffi-dev libmimalloc-dev libgmp-dev
      python3.11 python3.11-dev libpython3.11-stdlib"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install_deps: installing$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
