# SystemExit with an int code raised from nested calls: no traceback, status 3; a SystemExit
# caught and inspected first; raise SystemExit inside a generator is not swallowed.
import sys


def inner():
    raise SystemExit(3)


try:
    sys.exit(0)
except SystemExit as e:
    print("caught exit", e.code, repr(e))


def gen():
    yield 1
    sys.exit(7)


try:
    list(gen())
except SystemExit as e:
    print("from generator", e.code)
sys.stdout.write("partial line without newline")
inner()
