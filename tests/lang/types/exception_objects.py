# exception objects: args, str/repr, attributes, chaining fields, notes and groups
e = ValueError("bad", 42)
print(e.args, str(e), repr(e), repr(KeyError("k")), str(KeyError("k")), repr(StopIteration(5).value))
try:
    raise OSError(2, "No such file", "x.txt")
except OSError as err:
    print(type(err).__name__, err.errno, err.strerror, err.filename, str(err))
ex = RuntimeError("top")
ex.add_note("first note")
print(ex.__notes__, ex.__cause__, ex.__context__, ex.__suppress_context__)
g = ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
match, rest = g.split(ValueError)
print(repr(g), len(match.exceptions), repr(rest), g.subgroup(TypeError).exceptions)
print(issubclass(FileNotFoundError, OSError), SystemExit(3).code, repr(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad")))
