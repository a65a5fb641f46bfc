# An uncaught exception with an explicit cause: both tracebacks, joined by the "direct cause"
# line, printed to stderr; stdout before it is flushed first.
def load(key):
    table = {"a": 1}
    return table[key]


def lookup(key):
    try:
        return load(key)
    except KeyError as e:
        raise LookupError(f"no entry for {key!r}") from e


print("starting")
print(lookup("a"))
lookup("zzz")
