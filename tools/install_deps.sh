#!/bin/sh
# Installs the Debian 12 packages pyrs needs to build and test (DESIGN.md section 10),
# only when some are missing. Run as root or with sudo available.
# Usage: install_deps.sh [bench]   ("bench" adds what the benchmark runner needs).
set -eu

PKGS="cmake make clang clang-format lld re2c lemon libffi-dev libmimalloc-dev libgmp-dev zlib1g-dev libssl-dev libexpat1-dev libreadline-dev
      python3.11 python3.11-dev libpython3.11-stdlib libpython3.11-testsuite"
for group in "$@"; do
    case "$group" in
    bench) PKGS="$PKGS python3-numpy python3-pandas python3-matplotlib" ;;
    *) echo "install_deps: unknown group $group" >&2; exit 2 ;;
    esac
done

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
