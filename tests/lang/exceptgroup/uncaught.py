# An uncaught exception group is printed in CPython 3.11's boxed layout: nested groups,
# member tracebacks, notes (PEP 678), chained causes inside a member, and the width limit.
def leaf(i):
    raise ValueError(f"leaf {i}")

def collect(n):
    errors = []
    for i in range(n):
        try:
            leaf(i)
        except ValueError as e:
            errors.append(e)
    return errors

def inner():
    try:
        raise KeyError("original")
    except KeyError as e:
        err = TypeError("converted")
        err.add_note("converted from a KeyError")
        raise ExceptionGroup("inner group", [err] + collect(2)) from e

def outer():
    try:
        inner()
    except ExceptionGroup as g:
        wide = ExceptionGroup("wide", collect(17))
        raise ExceptionGroup("outer group", [g, wide, OSError("plain")])

print("before")
outer()
