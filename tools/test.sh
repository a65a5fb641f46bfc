#!/bin/sh
# Build and run every CTest suite. PYRS_TEST_ARGS adds ctest arguments (e.g. "-L parser").
set -eu
cd "$(dirname "$0")/.."
./tools/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)" ${PYRS_TEST_ARGS:-}
