#!/bin/sh
# The main job: build everything, compile the sample program with pyrsc, run the executable.
set -eu
cd "$(dirname "$0")/.."
./tools/build.sh
./build/driver/pyrsc examples/app.py -o build/app
./build/app
