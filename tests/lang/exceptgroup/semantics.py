# except* in depth: what each clause sees (match, handled exception, metadata), re-raise
# versus raise, nested groups keeping their structure, subclasses with derive(), tuples of
# types, full matches, functions and loops around handlers.
import sys

def show(e, indent=0):
    pad = " " * indent
    if isinstance(e, BaseExceptionGroup):
        print(pad + type(e).__name__, repr(e.message))
        for x in e.exceptions:
            show(x, indent + 2)
    else:
        print(pad + repr(e))

def attempt(label, fn):
    print("--", label)
    try:
        fn()
        print("no exception")
    except BaseException as e:
        print("escaped:")
        show(e, 2)

def nested_group():
    return ExceptionGroup("top", [
        ValueError("v1"),
        ExceptionGroup("mid", [TypeError("t1"), ValueError("v2"),
                               ExceptionGroup("deep", [KeyError("k1")])]),
        OSError("o1"),
    ])

def clauses_in_order():
    try:
        raise nested_group()
    except* ValueError as e:
        print("ValueError part:"); show(e, 2)
        print("handled is match:", sys.exc_info()[1] is e)
    except* (TypeError, KeyError) as e:
        print("Type/Key part:"); show(e, 2)
    except* OSError as e:
        print("OSError part:"); show(e, 2)
attempt("clauses", clauses_in_order)

def metadata():
    orig = nested_group()
    orig.__cause__ = RuntimeError("cause")
    try:
        raise orig
    except* ValueError as e:
        print("cause kept:", repr(e.__cause__), e.__traceback__ is orig.__traceback__)
        print("same object:", e is orig)
    except* Exception:
        pass
attempt("metadata", metadata)

def reraise_keeps_structure():
    try:
        raise nested_group()
    except* ValueError:
        raise
    except* KeyError:
        raise
attempt("re-raise", reraise_keeps_structure)

def raise_new_and_reraise():
    try:
        raise nested_group()
    except* ValueError:
        raise RuntimeError("new one")
    except* KeyError:
        raise
attempt("raise new and re-raise", raise_new_and_reraise)

def raise_from_handlers():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        raise KeyError("from V") from e
    except* TypeError:
        raise IndexError("from T")
attempt("two handlers raise", raise_from_handlers)

def full_match():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* Exception as e:
        print("full match is the original:", type(e).__name__, e.message)
attempt("full match", full_match)

def naked_unmatched():
    try:
        raise KeyError("naked")
    except* ValueError:
        print("not here")
attempt("naked unmatched", naked_unmatched)

def naked_reraised():
    try:
        raise KeyError("naked")
    except* KeyError:
        raise
attempt("naked re-raised", naked_reraised)

def naked_raise_new():
    try:
        raise KeyError("naked")
    except* KeyError:
        raise ValueError("replacement")
attempt("naked raise new", naked_raise_new)

class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "*", excs)

def subclass_derive():
    try:
        raise MyGroup("mine", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError as e:
        print("match type:", type(e).__name__, e.message)
attempt("derive", subclass_derive)

def base_exceptions():
    try:
        raise BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError(2)])
    except* ValueError as e:
        print("value part:", type(e).__name__)
attempt("BaseExceptionGroup rest", base_exceptions)

def in_loop():
    out = []
    for i in range(3):
        try:
            raise ExceptionGroup("loop", [ValueError(i)] * (i + 1))
        except* ValueError as e:
            out.append(len(e.exceptions))
            for j in range(5):
                if j == 1:
                    break
                continue
    print(out)
attempt("loop", in_loop)

def with_finally():
    try:
        try:
            raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
        except* ValueError:
            print("handled V")
        else:
            print("no else")
        finally:
            print("finally runs")
    except* TypeError as e:
        print("outer got", repr(e.exceptions))
attempt("finally", with_finally)

def handled_after():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        pass
    print("after: exc_info", sys.exc_info())
attempt("state after", handled_after)

def bad_types():
    for t in [ExceptionGroup, (ValueError, BaseExceptionGroup), "str", (ValueError, 3)]:
        try:
            try:
                raise ValueError(0)
            except* t:
                pass
        except TypeError as e:
            print("TypeError:", e)
attempt("bad types", bad_types)

def name_unbound():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError as err:
        pass
    try:
        err
    except NameError as e:
        print("NameError:", e)
attempt("name deleted", name_unbound)

def contexts():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        try:
            raise KeyError("k")
        except KeyError as k:
            print("context is the match:", k.__context__ is e)
attempt("context", contexts)

for src in ["try:\n    pass\nexcept* ValueError:\n    continue\n",
            "while True:\n    try:\n        pass\n    except* ValueError:\n        break\n",
            "def f():\n    try:\n        pass\n    except* ValueError:\n        def g():\n            return 1\n        for i in x:\n            break\n"]:
    try:
        compile(src, "<src>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
