#!/bin/sh
# Build and run every CTest suite (the libFuzzer target too, so the 60-second fuzz run is
# included). PYRS_TEST_ARGS adds ctest arguments (e.g. "-L parser").
set -eu
cd "$(dirname "$0")/.."
./tools/build.sh -DPYRS_FUZZ=ON
ctest --test-dir build --output-on-failure -j "$(nproc)" ${PYRS_TEST_ARGS:-}
