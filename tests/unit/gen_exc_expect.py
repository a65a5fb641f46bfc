"""Records the oracle's behaviour of the built-in exceptions for tests/unit/test_exc.c.

    /usr/bin/python3.11 tests/unit/gen_exc_expect.py    (writes tests/unit/exc_expect.h)

Values are passed to C in a small prefix notation that test_exc.c decodes:
  N None | i<int>; | s<len>:<utf-8> | b<len>:<bytes> | (items) tuple | [items] list
  {key value ...} dict | X<len>:<builtin exception name>(args) exception instance
"""
import builtins
import os

ATTRS = ["args", "errno", "strerror", "filename", "filename2", "characters_written", "value",
         "code", "msg", "name", "path", "obj", "lineno", "offset", "text", "end_lineno",
         "end_offset", "print_file_and_line", "encoding", "object", "start", "end", "reason",
         "message", "exceptions", "__suppress_context__", "__cause__", "__context__"]


def enc(v):
    if v is None:
        return "N"
    if isinstance(v, bool):
        raise TypeError("no bools")
    if isinstance(v, int):
        return "i%d;" % v
    if isinstance(v, str):
        raw = v.encode("utf-8")
        return "s%d:" % len(raw) + raw.decode("latin-1")
    if isinstance(v, (bytes, bytearray)):
        return "b%d:" % len(v) + bytes(v).decode("latin-1")
    if isinstance(v, tuple):
        return "(" + "".join(enc(x) for x in v) + ")"
    if isinstance(v, list):
        return "[" + "".join(enc(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + "".join(enc(k) + enc(x) for k, x in v.items()) + "}"
    if isinstance(v, BaseException):
        name = type(v).__name__
        return "X%d:%s" % (len(name), name) + enc(v.args)
    raise TypeError(type(v))


def c_str(s, raw=False):
    """A C literal of S's UTF-8 bytes (RAW: S holds one byte per character already)."""
    out = []
    for ch in (s.encode("latin-1") if raw else s.encode("utf-8")):
        if ch in (0x22, 0x5c):
            out.append("\\" + chr(ch))
        elif 32 <= ch < 127:
            out.append(chr(ch))
        else:
            out.append("\\x%02x\"\"" % ch)
    return '"' + "".join(out) + '"'


def outcome(fn):
    try:
        r = fn()
    except Exception as e:
        return None, "!%s: %s" % (type(e).__name__, e)
    return r, None


E = builtins
CASES = [
    ("ValueError", (), {}), ("ValueError", (1,), {}), ("ValueError", (1, "two"), {}),
    ("ValueError", (), {"x": 1}), ("BaseException", ("a",), {}), ("Exception", ("",), {}),
    ("KeyError", ("k",), {}), ("KeyError", ("",), {}), ("KeyError", ("a", "b"), {}),
    ("KeyError", (), {}), ("StopIteration", (), {}), ("StopIteration", (5, 6), {}),
    ("SystemExit", (), {}), ("SystemExit", (3,), {}), ("SystemExit", ("bye", 2), {}),
    ("ImportError", ("m",), {"name": "n", "path": "p"}), ("ImportError", ("m",), {"foo": 1}),
    ("ImportError", (), {}), ("ImportError", ("a", "b"), {}), ("ImportError", (1,), {}),
    ("ModuleNotFoundError", ("No module named 'x'",), {"name": "x"}),
    ("AttributeError", ("a",), {"name": "n", "obj": 1}), ("AttributeError", ("a",), {"foo": 1}),
    ("NameError", ("a",), {"name": "n"}), ("NameError", ("a",), {"obj": 1}),
    ("UnboundLocalError", ("u",), {}),
    ("OSError", (2, "No such file"), {}), ("OSError", (2, "No such file", "f.txt"), {}),
    ("OSError", (2, "No such file", "f.txt", None, "g.txt"), {}), ("OSError", (2,), {}),
    ("OSError", (), {}), ("OSError", (1, 2, 3, 4, 5, 6), {}), ("OSError", (999, "x"), {}),
    ("OSError", (13, "x"), {"x": 1}), ("OSError", (None, None), {}), ("OSError", (1, "p"), {}),
    ("OSError", (11, "again"), {}), ("OSError", (32, "pipe"), {}), ("OSError", (110, "t"), {}),
    ("BlockingIOError", (11, "x", 5), {}), ("BlockingIOError", (11, "x"), {}),
    ("FileNotFoundError", (13, "x"), {}), ("ConnectionError", (104, "reset"), {}),
    ("SyntaxError", ("msg", ("f.py", 3, 4, "text", 3, 6)), {}),
    ("SyntaxError", ("msg", ("dir/f.py", 3, 4, "text")), {}),
    ("SyntaxError", ("msg", ("f.py", 3)), {}), ("SyntaxError", ("msg", 5), {}),
    ("SyntaxError", ("msg", (None, 3, 4, "text")), {}),
    ("SyntaxError", ("msg", ("f", None, 4, "text")), {}), ("SyntaxError", ("msg",), {}),
    ("SyntaxError", (), {}), ("SyntaxError", (1, 2, 3), {}),
    ("IndentationError", ("bad", ("x.py", 1, 2, "  y")), {}),
    ("UnicodeEncodeError", (), {}), ("UnicodeEncodeError", (1, 2, 3, 4, 5), {}),
    ("UnicodeEncodeError", ("a", b"x", 3, 4, "r"), {}),
    ("UnicodeEncodeError", ("utf-8", "abc", 1, 2, "bad"), {}),
    ("UnicodeEncodeError", ("utf-8", "a\u1234c", 1, 2, "bad"), {}),
    ("UnicodeEncodeError", ("utf-8", "a\U00012345c", 1, 2, "bad"), {}),
    ("UnicodeEncodeError", ("utf-8", "abc", 1, 3, "bad"), {}),
    ("UnicodeDecodeError", ("utf-8", b"abc", 1, 2, "bad"), {}),
    ("UnicodeDecodeError", ("utf-8", b"\xff\xfe", 0, 2, "bad"), {}),
    ("UnicodeDecodeError", ("utf-8", "abc", 1, 3, "bad"), {}),
    ("UnicodeTranslateError", ("abc", 1, 2, "bad"), {}),
    ("UnicodeTranslateError", ("abc", 1, 3, "bad"), {}),
    ("UnicodeError", ("x",), {}),
    ("ExceptionGroup", ("m", [ValueError(1), TypeError(2)]), {}),
    ("BaseExceptionGroup", ("m", [ValueError(1), TypeError(2)]), {}),
    ("BaseExceptionGroup", ("m", [ValueError(1), KeyboardInterrupt()]), {}),
    ("ExceptionGroup", ("m", [ValueError(1), KeyboardInterrupt()]), {}),
    ("ExceptionGroup", ("m", []), {}), ("ExceptionGroup", ("m", 5), {}),
    ("ExceptionGroup", ("m", [1]), {}), ("ExceptionGroup", (1, [ValueError()]), {}),
    ("ExceptionGroup", ("m",), {}), ("ExceptionGroup", ("m", [ValueError()], 3), {}),
    ("ExceptionGroup", ("m", [ValueError()]), {"x": 3}),
    ("ExceptionGroup", ("one", [ValueError()]), {}),
]

# Splits of ExceptionGroup('eg', [ValueError(1), TypeError(2),
#   ExceptionGroup('inner', [ValueError(3), KeyError(4)])]) by each matcher.
SPLIT_MATCHERS = ["ValueError", "TypeError", "KeyError", "LookupError", "Exception",
                  "OSError", "ExceptionGroup"]


def split_base():
    return ExceptionGroup("eg", [ValueError(1), TypeError(2),
                                 ExceptionGroup("inner", [ValueError(3), KeyError(4)])])


def describe(x):
    """repr that shows nested groups' exceptions tuples too."""
    if isinstance(x, BaseExceptionGroup):
        return "%s(%r, [%s])" % (type(x).__name__, x.message,
                                 ", ".join(describe(e) for e in x.exceptions))
    return repr(x)


def main():
    lines = ["/* exc_expect.h: generated by gen_exc_expect.py from /usr/bin/python3.11; "
             "do not edit. */", "#ifndef PYRS_EXC_EXPECT_H", "#define PYRS_EXC_EXPECT_H", "",
             "typedef struct { const char *cls; const char *args; const char *kwargs;",
             "    const char *repr; const char *str; const char *attrs; } ExcCase;",
             "static const ExcCase exc_cases[] = {"]
    for cls, args, kwargs in CASES:
        r, err = outcome(lambda: getattr(E, cls)(*args, **kwargs))
        if err is not None:
            rep, st, attrs = err, err, ""
        else:
            rep, st = repr(r), str(r)
            parts = []
            for a in ATTRS:
                v, aerr = outcome(lambda: getattr(r, a))
                if aerr is not None and "has no attribute" in aerr:
                    continue
                parts.append("%s=%s" % (a, aerr if aerr is not None else repr(v)))
            attrs = "\n".join(parts)
        lines.append("    {%s, %s, %s,\n     %s, %s,\n     %s}," % (
            c_str(cls), c_str(enc(args), True), c_str(enc(kwargs), True), c_str(rep), c_str(st),
            c_str(attrs)))
    lines.append("};")
    lines.append("")
    lines.append("typedef struct { const char *matcher; const char *split; "
                 "const char *subgroup; } SplitCase;")
    lines.append("static const SplitCase split_cases[] = {")
    for m in SPLIT_MATCHERS:
        match, rest = split_base().split(getattr(E, m))
        sub = split_base().subgroup(getattr(E, m))
        lines.append("    {%s, %s, %s}," % (c_str(m), c_str("(%s, %s)" % (describe(match),
                                                                        describe(rest))),
                                            c_str(describe(sub))))
    lines.append("};")
    lines.append("")
    lines.append("typedef struct { const char *name; const char *base; long basicsize;")
    lines.append("    const char *mro; } ExcClass;")
    lines.append("static const ExcClass exc_classes[] = {")
    for name in sorted(dir(E)):
        cls = getattr(E, name)
        if isinstance(cls, type) and issubclass(cls, BaseException):
            mro = " ".join(c.__name__ for c in cls.__mro__)
            lines.append("    {%s, %s, %d, %s}," % (c_str(name), c_str(cls.__base__.__name__),
                                                   cls.__basicsize__, c_str(mro)))
    lines.append("};")
    lines.append("")
    lines.append("/* Named scenarios run the same way in test_exc.c. */")
    scenarios = {}

    def scen(name, fn):
        r, err = outcome(fn)
        if err is not None:
            scenarios[name] = err
        else:
            scenarios[name] = r if isinstance(r, str) else repr(r)

    def setattr_(obj, attr, v):
        setattr(obj, attr, v)
        return getattr(obj, attr)

    def delattr_(obj, attr):
        delattr(obj, attr)

    scen("set_context_int", lambda: setattr_(ValueError(), "__context__", 1))
    scen("set_cause_int", lambda: setattr_(ValueError(), "__cause__", 1))
    scen("set_traceback_int", lambda: setattr_(ValueError(), "__traceback__", 1))
    scen("del_traceback", lambda: delattr_(ValueError(), "__traceback__"))
    scen("del_context", lambda: delattr_(ValueError(), "__context__"))
    scen("del_cause", lambda: delattr_(ValueError(), "__cause__"))
    scen("del_args", lambda: delattr_(ValueError(), "args"))
    scen("set_args_list", lambda: setattr_(ValueError(), "args", [1, 2]))
    scen("set_args_none", lambda: setattr_(ValueError(), "args", None))
    scen("add_note_int", lambda: ValueError().add_note(1))

    def notes():
        e = ValueError()
        e.add_note("first")
        e.add_note("second")
        return e.__notes__

    scen("add_note_twice", notes)

    def notes_not_list():
        e = ValueError()
        e.__notes__ = 5
        e.add_note("x")

    scen("add_note_not_list", notes_not_list)
    scen("reduce_plain", lambda: ValueError(1).__reduce__())
    scen("reduce_oserror", lambda: OSError(2, "x", "f").__reduce__())
    scen("reduce_oserror2", lambda: OSError(2, "x", "f", None, "g").__reduce__())
    scen("reduce_import", lambda: ImportError("m", name="n").__reduce__())

    def reduce_dict():
        e = ValueError()
        e.foo = 1
        return e.__reduce__()

    scen("reduce_dict", reduce_dict)

    def setstate():
        e = ValueError()
        e.__setstate__({"a": 1})
        return e.a

    scen("setstate", lambda: repr(setstate()))
    scen("setstate_bad", lambda: ValueError().__setstate__(5))

    def cause_suppress():
        e = ValueError()
        e.__cause__ = KeyError(1)
        return (e.__suppress_context__, e.__cause__)

    scen("cause_sets_suppress", cause_suppress)
    scen("with_traceback_none", lambda: ValueError(1).with_traceback(None))
    scen("with_traceback_int", lambda: ValueError(1).with_traceback(1))
    scen("chars_written_del", lambda: delattr_(BlockingIOError(11, "x"), "characters_written"))
    scen("chars_written_set", lambda: setattr_(BlockingIOError(11, "x"), "characters_written", 7))
    scen("derive", lambda: describe(ExceptionGroup("m", [ValueError(1)]).derive([KeyError(2)])))
    scen("split_bad_matcher", lambda: split_base().split(3))
    scen("split_tuple_bad", lambda: split_base().split((ValueError, 3)))
    scen("split_predicate", lambda: "(%s, %s)" % tuple(describe(x) for x in split_base().split(
        lambda e: isinstance(e, ValueError) and e.args[0] == 3)))
    import io
    import sys

    def shown(make):
        exc = make()
        buf = io.StringIO()
        saved, sys.stderr = sys.stderr, buf
        try:
            sys.excepthook(type(exc), exc, None)
        finally:
            sys.stderr = saved
        return buf.getvalue()

    def group_with_note():
        eg = ExceptionGroup("eg", [ValueError(1), TypeError(2),
                                   ExceptionGroup("inner", [KeyError(3)])])
        eg.add_note("a note")
        return eg

    def with_context():
        e = ValueError("x")
        e.__context__ = KeyError("k")
        return e

    def with_cause():
        e = ValueError("x")
        e.__cause__ = KeyError("k")
        return e

    scenarios["display_group"] = shown(group_with_note)
    scenarios["display_context"] = shown(with_context)
    scenarios["display_cause"] = shown(with_cause)
    scenarios["display_syntax"] = shown(lambda: SyntaxError("bad thing",
                                                           ("f.py", 3, 5, "x = 1 +\n", 3, 8)))
    scenarios["display_empty"] = shown(lambda: KeyboardInterrupt())
    scenarios["display_oserror"] = shown(lambda: FileNotFoundError(2, "No such file", "x"))
    scenarios["display_wide_group"] = shown(
        lambda: ExceptionGroup("wide", [ValueError(i) for i in range(17)]))
    import _testcapi

    def unraisable(exc, msg, obj):
        """_PyErr_WriteUnraisableMsg output minus the traceback lines (ours has none yet)."""
        buf = io.StringIO()
        saved, sys.stderr = sys.stderr, buf
        try:
            _testcapi.write_unraisable_exc(exc, msg, obj)
        finally:
            sys.stderr = saved
        keep = [l for l in buf.getvalue().splitlines(True)
                if not l.startswith(("Traceback (most recent call last):", "  "))]
        return "".join(keep)

    scenarios["unraisable_obj"] = unraisable(ValueError("boom"), None, 5)
    scenarios["unraisable_msg_obj"] = unraisable(ValueError("boom"), "while testing", 5)
    scenarios["unraisable_msg"] = unraisable(KeyError("k"), "Custom message", None)
    scenarios["unraisable_bare"] = unraisable(ValueError(), None, None)
    for k, v in scenarios.items():
        lines.append("#define EXPECT_%s %s" % (k.upper(), c_str(v)))
    lines.append("")
    lines.append("#endif /* PYRS_EXC_EXPECT_H */")
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exc_expect.h")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
