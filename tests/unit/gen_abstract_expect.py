"""Records the oracle's results for tests/unit/test_abstract.c (abstract API, calls, modules).

Run with Debian's CPython 3.11 (the oracle); writes tests/unit/abstract_expect.h:
    /usr/bin/python3.11 tests/unit/gen_abstract_expect.py
Each case is the Python spelling of what test_abstract.c does through the C-API; it records
repr() of the result or "ExcType: message" of the error. Builtins whose C calling convention
test_abstract.c reproduces (globals: METH_NOARGS, len: METH_O) provide the exact messages.
"""
import os
import sys
import types

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "abstract_expect.h")
CASES = []


def case(name):
    def deco(fn):
        CASES.append((name, fn))
        return fn
    return deco


def outcome(fn):
    try:
        return repr(fn())
    except BaseException as e:  # noqa: BLE001 - every outcome is recorded
        return "%s: %s" % (type(e).__name__, e)


case("ADD_INTS")(lambda: 1 + 2)
case("ADD_INT_STR")(lambda: 1 + "a")
case("ADD_LISTS")(lambda: [1] + [2])
case("MUL_LIST_INT")(lambda: [1] * 3)
case("MUL_INT_LIST")(lambda: 2 * [1])
case("MUL_STR_FLOAT")(lambda: "ab" * 2.0)
case("SUB_STR")(lambda: "a" - "b")
case("DIVMOD_STR")(lambda: divmod("a", 1))
case("POW_INT_STR")(lambda: pow(2, "x"))
case("POW3_STR")(lambda: pow(2, 3, "x"))
case("POW3_OK")(lambda: pow(2, 10, 1000))
case("NEG_STR")(lambda: -"a")
case("POS_STR")(lambda: +"a")
case("INV_STR")(lambda: ~"a")
case("ABS_STR")(lambda: abs("a"))
case("MATMUL_INTS")(lambda: 1 @ 2)


@case("IADD_LIST")
def _():
    x = [1]
    y = x
    x += [2]
    return (x, x is y)


@case("IADD_INT_STR")
def _():
    x = 1
    x += "a"


@case("IMUL_STR")
def _():
    x = "ab"
    x *= 3
    return x


case("INDEX_STR")(lambda: __import__("operator").index("a"))
case("INDEX_BOOL")(lambda: __import__("operator").index(True))
case("ASSIZE_OVERFLOW")(lambda: [0][2 ** 100])
case("LONG_STR")(lambda: int("12"))
case("LONG_BAD_STR")(lambda: int("1x"))
case("LONG_LIST")(lambda: int([1]))
case("LONG_FLOAT")(lambda: int(2.75))
case("FLOAT_STR")(lambda: float("1.5"))
case("FLOAT_INT")(lambda: float(3))
case("FLOAT_LIST")(lambda: float([1]))
case("TOBASE_16")(lambda: hex(255))
case("TOBASE_2")(lambda: bin(-5))
FIVE = 5
LIST12 = [1, 2]
case("GETITEM_INT")(lambda: FIVE[0])
case("GETITEM_TYPE")(lambda: int[0])
case("GETITEM_LIST_STR")(lambda: LIST12["a"])
case("GETITEM_LIST_NEG")(lambda: [1, 2][-1])
case("GETITEM_DICT_MISSING")(lambda: {}["k"])


@case("SETITEM_TUPLE")
def _():
    (1,)[0] = 1


@case("DELITEM_TUPLE")
def _():
    del (1,)[0]


@case("SETITEM_INT")
def _():
    (5)[0] = 1


@case("DELITEM_INT")
def _():
    del (5)[0]


case("LEN_INT")(lambda: len(5))
case("LEN_LIST")(lambda: len([1, 2]))
case("ITER_INT")(lambda: iter(5))
case("ITER_LIST_SUM")(lambda: sum(iter([1, 2, 3])))
case("SEQ_TUPLE")(lambda: tuple([1, 2]))
case("SEQ_LIST")(lambda: list((1, 2)))
case("SEQ_CONTAINS")(lambda: (2 in [1, 2], 3 in (1, 2)))
case("SEQ_COUNT")(lambda: [1, 2, 1].count(1))
case("SEQ_INDEX_MISSING")(lambda: __import__("operator").indexOf([1, 2], 3))
case("SEQ_INDEX")(lambda: __import__("operator").indexOf([1, 2], 2))
case("CONTAINS_INT")(lambda: 1 in 5)
case("SEQ_SLICE")(lambda: [1, 2, 3, 4][1:3])
case("MAPPING_KEYS")(lambda: list({"a": 1, "b": 2}.keys()))
case("MAPPING_ITEMS")(lambda: list({"a": 1}.items()))
case("MAPPING_LEN_INT")(lambda: len(5))
case("ISINSTANCE")(lambda: (isinstance(1, int), isinstance(True, int), isinstance(1, (str, int)),
                            isinstance("a", (int, float))))
case("ISINSTANCE_BAD")(lambda: isinstance(1, 5))
case("ISSUBCLASS_BAD1")(lambda: issubclass(5, int))
case("ISSUBCLASS_BAD2")(lambda: issubclass(int, 5))
case("ISSUBCLASS")(lambda: (issubclass(bool, int), issubclass(int, bool), issubclass(bool, (str, int))))
case("FORMAT_INT")(lambda: format(3, ""))
case("FORMAT_INT_SPEC")(lambda: format(255, "x"))
case("FORMAT_OBJECT")(lambda: format(object(), "x"))
case("CALL_INT")(lambda: FIVE())
case("NOARGS_GIVEN")(lambda: globals(1))
case("NOARGS_KW")(lambda: globals(a=1))
case("O_TWO")(lambda: len(1, 2))
case("O_KW")(lambda: len(x=1))
case("O_OK")(lambda: len([1, 2, 3]))
case("REPR_BUILTIN")(lambda: repr(len))
case("REPR_BOUND_BUILTIN")(lambda: repr([].append).split(" at ")[0])
case("BUILTIN_QUALNAME")(lambda: ([].append.__qualname__, len.__qualname__))
case("UNBOUND_NEEDS_ARG")(lambda: list.append())
case("DESCR_WRONG_SELF")(lambda: list.append(1, 2))
case("METHOD_DESCR_REPR")(lambda: repr(list.append))
case("CLASSMETHOD_DESCR_REPR")(lambda: repr(dict.__dict__["fromkeys"]))
case("CLASSMETHOD_DESCR_NOARG")(lambda: dict.__dict__["fromkeys"]())
case("CLASSMETHOD_DESCR_NOTTYPE")(lambda: dict.__dict__["fromkeys"](1))
case("CLASSMETHOD_DESCR_NOTSUB")(lambda: dict.__dict__["fromkeys"](int))
case("GETSET_REPR")(lambda: repr(int.__dict__["real"]))
case("MEMBER_REPR")(lambda: repr(type.__dict__["__basicsize__"]))
case("STATICMETHOD_REPR_PREFIX")(lambda: repr(staticmethod(len)))
case("CLASSMETHOD_REPR_PREFIX")(lambda: repr(classmethod(len)))
case("STATICMETHOD_CALL")(lambda: staticmethod(len)([1, 2]))
case("MODULE_REPR")(lambda: repr(types.ModuleType("mymod")))
case("MODULE_NO_ATTR")(lambda: types.ModuleType("mymod").zz)


@case("MODULE_INT_CONST")
def _():
    m = types.ModuleType("mymod")
    m.answer = 42
    return m.answer


@case("MODULE_GETATTR_HOOK")
def _():
    m = types.ModuleType("mymod")
    m.__getattr__ = lambda name: "hook:" + name
    return m.zz


@case("MODULE_DICT_KEYS")
def _():
    return sorted(types.ModuleType("mymod").__dict__)


case("MODULE_FILE_REPR")(lambda: repr(_mod_with_file()))


def _mod_with_file():
    m = types.ModuleType("mymod")
    m.__file__ = "/x/mymod.py"
    return m


case("CHECKPOS_MAX")(lambda: super(int, 1, 2))
case("UNPACK_EMPTY_NAME")(lambda: int.__pow__(1))
case("PROXY_REPR")(lambda: repr(types.MappingProxyType({"a": 1})))
case("PROXY_NOT_MAPPING")(lambda: types.MappingProxyType([1]))
case("PROXY_GET")(lambda: (types.MappingProxyType({"a": 1}).get("a"), types.MappingProxyType({"a": 1}).get("b")))

case("ASCII_REPR")(lambda: ascii("caf\u00e9\u20ac\U0001f600"))
case("BYTES_OF_LIST")(lambda: bytes([65, 66]))
case("PROP_COPY")(lambda: _prop_copy())


def _prop_copy():
    p = property(len)
    q = p.setter(abs)
    r = q.deleter(hash)
    return (p.fget is len, q.fget is len, q.fset is abs, r.fdel is hash, r.fset is abs,
            type(r).__name__)


@case("ATTR_ERROR_CONTEXT")
def _():
    try:
        (5).foo
    except AttributeError as e:
        return (e.name, e.obj)


def c_string(s):
    out = []
    for ch in s.encode("utf-8"):
        if ch in (0x22, 0x5C):
            out.append("\\" + chr(ch))
        elif 0x20 <= ch < 0x7F:
            out.append(chr(ch))
        else:
            out.append("\\%03o" % ch)
    return '"' + "".join(out) + '"'


def main():
    lines = ["/* abstract_expect.h: generated by gen_abstract_expect.py from %s; do not edit. */"
             % sys.executable,
             "#ifndef PYRS_ABSTRACT_EXPECT_H", "#define PYRS_ABSTRACT_EXPECT_H", ""]
    for name, fn in CASES:
        lines.append("#define AX_%s %s" % (name, c_string(outcome(fn))))
    lines += ["", "#endif /* PYRS_ABSTRACT_EXPECT_H */", ""]
    with open(OUT, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
