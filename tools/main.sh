#!/bin/sh
# The main job: build everything, then run pyrs on the sample program.
# (Until pyrsc lands this dumps the sample's AST; see README.)
set -eu
cd "$(dirname "$0")/.."
./tools/build.sh
./build/driver/pyrs --dump-ast examples/sample.py
