#!/bin/sh
# Runs the unit test binaries, the tests/lang programs under pyrs and the same programs built
# by pyrsc (or the given ones) under valgrind, one at a time, and prints a summary: programs
# run, clean, with errors, and the first error of each. Needs a build configured with
# -DPYRS_MEM_SYSTEM=ON (C allocator instead of mimalloc, DWARF 4 for valgrind 3.19), with pyrs,
# pyrsc and the unit_* targets built:
#   PYRS_BUILD_DIR=build-vg tools/build.sh -DPYRS_MEM_SYSTEM=ON
#   tools/valgrind.sh [-b BUILD_DIR] [-t SECONDS] [-l LOG_DIR] [PROGRAM...]
# PROGRAM is a unit test (unit/AREA), a tests/lang folder (tests/lang/AREA) or a program
# (tests/lang/AREA/NAME.py, or any .py path); aot/ before a folder or program means the pyrsc
# executable of each program (built into BUILD_DIR/valgrind-aot, deleted after a clean run,
# ~13 MB each). None means every unit test, every lang program, then every aot program.
# Only definite leaks are errors: live GC objects are "possibly lost" (pointed to 16 bytes into
# their block) and interned strings are "still reachable"; the runtime of this build untracks
# every object at exit so that a leaked one is "definitely lost" (docs/DESIGN-NOTES.md, 19).
# Suppressions (each explained) are in tools/valgrind.supp. Exit status 0 only if every
# program is clean. Not part of tools/test.sh or .ci/run (too slow); CTest label "valgrind" in
# a PYRS_MEM_SYSTEM build runs the same per program.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-vg
limit=600
logs=
while getopts b:t:l: opt; do
    case $opt in
    b) build=$(cd "$OPTARG" && pwd) ;;
    t) limit=$OPTARG ;;
    l) logs=$OPTARG ;;
    *) sed -n '2,15p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ -n "$logs" ] || logs=$build/valgrind-logs
mkdir -p "$logs" "$build/valgrind-aot"
pyrs=$build/driver/pyrs
if ! grep -q '^PYRS_MEM_SYSTEM:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
    echo "valgrind.sh: $build is not a -DPYRS_MEM_SYSTEM=ON build (mimalloc hides blocks)" >&2
    exit 2
fi

# the list of programs: unit/AREA, or a .py path relative to the root with aot/ before it for
# the pyrsc executable
expand() {
    if [ $# -eq 0 ]; then
        for f in "$root"/tests/unit/test_*.c; do
            a=${f##*/test_}
            echo "unit/${a%.c}"
        done
        set -- tests/lang aot/tests/lang
    fi
    for p in "$@"; do
        p=${p#"$root"/}
        case $p in
        aot/*) expand_path aot/ "${p#aot/}" ;;
        *) expand_path "" "$p" ;;
        esac
    done
}

# $2 (unit test, program, a tests/lang folder or tests/lang itself), each program prefixed by $1
expand_path() {
    case ${2%/} in
    unit/*) echo "$2" ;;
    *.py) echo "$1$2" ;;
    tests/lang) for f in "$root"/tests/lang/*/*.py; do echo "$1${f#"$root"/}"; done ;;
    *) for f in "$root/${2%/}"/*.py; do [ -e "$f" ] && echo "$1${f#"$root"/}"; done ;;
    esac
}

# first error of a log: its heading and up to five stack lines
first_error() {
    sed -n 's/^==[0-9]*== //p' "$1" | awk '
        /^(Invalid |Conditional jump|Use of uninitialised|Syscall param|Mismatched free|Source and destination|Argument .* of function)/ ||
        / are definitely lost in loss record / { on = 1; n = 0 }
        on { print "    " $0; if (++n == 6 || $0 == "") exit }'
}

run=0 clean=0 bad=0 timedout=0
failed=
for p in $(expand "$@"); do
    name=$(echo "$p" | sed 's|^\(aot/\)\{0,1\}tests/lang/|\1|;s|\.py$||;s|/|_|g')
    log=$logs/$name.log
    rm -f "$log"
    set -- timeout -k 10 "$limit" valgrind -q --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite --show-leak-kinds=definite --num-callers=24 \
        --child-silent-after-fork=yes --suppressions="$root/tools/valgrind.supp" \
        --log-file="$log"
    exe=
    case $p in
    unit/*) (cd "$build/tests/unit" && "$@" "./unit_${p#unit/}") >/dev/null 2>&1 </dev/null ;;
    aot/*) exe=$build/valgrind-aot/$name
        if ! (cd "$root" && "$build/driver/pyrsc" "${p#aot/}" -o "$exe") >"$log" 2>&1; then
            echo "PYRSC   $p (log: $log)"
            run=$((run + 1)) bad=$((bad + 1)) failed="$failed $p"
            continue
        fi
        (cd "$root" && PYTHONHASHSEED=0 "$@" "$exe") >/dev/null 2>&1 </dev/null ;;
    *) (cd "$root" && PYTHONHASHSEED=0 "$@" "$pyrs" "$p") >/dev/null 2>&1 </dev/null ;;
    esac
    rc=$?
    run=$((run + 1))
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        timedout=$((timedout + 1))
        echo "TIMEOUT $p (over ${limit}s)"
        failed="$failed $p"
    elif [ $rc -eq 99 ] || [ $rc -ge 128 ]; then
        bad=$((bad + 1))
        echo "ERRORS  $p (exit $rc, log: $log)"
        first_error "$log"
        failed="$failed $p"
    else
        clean=$((clean + 1))
        echo "clean   $p"
        [ -z "$exe" ] || rm -f "$exe" # ~13 MB each: only a failing one is kept
    fi
done
echo "valgrind: $run run, $clean clean, $bad with errors, $timedout timed out"
[ -z "$failed" ] || echo "not clean:$failed"
[ -z "$failed" ]
