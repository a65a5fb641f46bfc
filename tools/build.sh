#!/bin/sh
# Configures and builds pyrs into build/ (or $PYRS_BUILD_DIR) with clang.
# Extra arguments go to cmake's configure step (e.g. -DPYRS_SANITIZE=ON).
set -eu
cd "$(dirname "$0")/.."
./tools/install_deps.sh
B="${PYRS_BUILD_DIR:-build}"
cmake -S . -B "$B" -DCMAKE_C_COMPILER=clang "$@" >/dev/null
cmake --build "$B" -j "$(nproc)"
