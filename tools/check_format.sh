#!/bin/sh
# Fails when a tracked C file differs from what the checked-in .clang-format (clang-format 14)
# makes of it. Generated expectation tables (tests/unit/*_expect.h) are written by their
# scripts and left as they are. Usage: tools/check_format.sh [REPO_ROOT]
set -eu
cd "${1:-$(dirname "$0")/..}"
bad=0
for f in $(git ls-files '*.c' '*.h' | grep -v '_expect\.h$'); do
    if ! clang-format --style=file:.clang-format "$f" | cmp -s - "$f"; then
        echo "not formatted: $f"
        bad=$((bad + 1))
    fi
done
total=$(git ls-files '*.c' '*.h' | grep -vc '_expect\.h$')
echo "$((total - bad)) formatted, $bad not formatted"
[ "$bad" -eq 0 ]
