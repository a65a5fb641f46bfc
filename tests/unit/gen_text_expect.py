"""Records the oracle's results for the text unit tests (str, bytes, bytearray, memoryview).

Run with Debian's CPython 3.11 (the oracle); writes tests/unit/unicode_expect.h,
tests/unit/bytes_expect.h and tests/unit/memory_expect.h:
    /usr/bin/python3.11 tests/unit/gen_text_expect.py
Each case is (receiver, operation, arguments); the expected value is repr() of the result
(UTF-8, backslashreplace) or "!ExceptionType: message". Hashes use PYTHONHASHSEED=0 (the
script re-runs itself with it). Operations named like dunders are dispatched by the C test
to the matching slot; every other name is looked up in the type's method table.
"""
import os
import subprocess
import sys

ORACLE = "/usr/bin/python3.11"
HERE = os.path.dirname(os.path.abspath(__file__))

SUR = "\ud800"
STRS = ["", "abc", "Hello World", "  spaced  out\t\n", "caf\u00e9", "\u20ac\u4e2d\u6587",
        "\U0001f600 emoji", "a" + SUR + "b", "\udcff", "\udc80\udcff\ud800z", "\u00e9\u20ac\udc80", "stra\u00dfe", "\u0130stanbul",
        "\u1f88", "\ufb01ne", "\u01c6x", "\u03a3\u0391\u03a3", "O\u0394\u03a3", "\u03a3",
        "A\u03a3 b", "xyz\u03a3.", "tab\tbed\tx", "a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x85j"
        "\u2028k\u2029l", "line\n", "MiXeD cAsE", "title Case words", "123", "\u0661\u0662",
        "\u00b2\u00bd", "\u2167", "abc123", "_id9", "9id", "\u00e9t\u00e9", "  ", "",
        "it's", 'say "hi"', "both ' and \"", "back\\slash", "\x00\x07\x7f\x80\xff",
        "\u0378\u200b\u3000", "a,b,,c", "one two  three   four", "-42", "+7", "x" * 5]


PREDICATES = ["isalnum", "isalpha", "isdecimal", "isdigit", "isidentifier", "islower",
              "isnumeric", "isprintable", "isspace", "istitle", "isupper"]


def predmask(s):
    """Per character, the 11 one-character str predicates as a 3-hex-digit mask."""
    out = []
    for ch in s:
        mask = sum(1 << i for i, m in enumerate(PREDICATES) if getattr(ch, m)())
        out.append("%03x" % mask)
    return "".join(out)


def sweep_strings():
    """Chunks of sampled code points (every 13th up to U+20000) for the per-char sweep."""
    cps = list(range(0, 0x20000, 13))
    return ["".join(chr(c) for c in cps[i:i + 128]) for i in range(0, len(cps), 128)]


def calls():
    """Yield (recv, op, args) for str."""
    for s in sweep_strings():
        for m in ["lower", "upper", "casefold", "swapcase", "title", "capitalize",
                  "__repr__"]:
            yield s, m, ()
        yield s, "predmask", ()
    for s in STRS:
        for m in ["lower", "upper", "casefold", "swapcase", "title", "capitalize", "isalnum",
                  "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower",
                  "isnumeric", "isprintable", "isspace", "istitle", "isupper", "__repr__",
                  "splitlines", "split", "rsplit", "strip", "lstrip", "rstrip", "__len__",
                  "__hash__"]:
            yield s, m, ()
        yield s, "splitlines", (True,)
        for enc in ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be",
                    "latin-1", "ascii", "unicode_escape", "raw_unicode_escape"]:
            for err in ["strict", "ignore", "replace", "surrogateescape", "surrogatepass",
                        "backslashreplace", "xmlcharrefreplace", "namereplace"]:
                if enc in ("unicode_escape", "raw_unicode_escape") and err != "strict":
                    continue
                yield s, "encode", (enc, err)
    base = "hello world, hello"
    for sub in ["l", "hello", "", "xyz", "o w"]:
        for m in ["find", "rfind", "index", "rindex", "count", "startswith", "endswith",
                  "__contains__", "partition", "rpartition", "split", "rsplit",
                  "removeprefix", "removesuffix"]:
            yield base, m, (sub,)
        for rng in [(3,), (3, 12), (-5,), (-100, 5), (None, -3)]:
            for m in ["find", "rfind", "count", "startswith", "endswith", "index"]:
                yield base, m, (sub,) + rng
    yield base, "startswith", (("x", "he"),)
    yield base, "endswith", (("lo", "x"),)
    yield base, "startswith", (1,)
    yield base, "find", (1,)
    yield base, "split", (1,)
    for args in [("l", "L"), ("l", "L", 2), ("", "-"), ("", "-", 3), ("hello", ""),
                 ("zz", "y"), ("l", "L", 0)]:
        yield base, "replace", args
    for s in ["a,b,,c", ",a,", "a", ""]:
        for n in [-1, 0, 1, 2]:
            yield s, "split", (",", n)
            yield s, "rsplit", (",", n)
    for s in ["  a b  c  ", "a b c", "   "]:
        for n in [0, 1, 2]:
            yield s, "split", (None, n)
            yield s, "rsplit", (None, n)
    for s in ["abc", "\u20ac", ""]:
        for w in [0, 5, 6, -1]:
            for m in ["center", "ljust", "rjust"]:
                yield s, m, (w,)
                yield s, m, (w, "*")
        yield s, "center", (5, "ab")
        for w in [0, 5]:
            yield s, "zfill", (w,)
    for s in ["-42", "+7", "42", "-"]:
        yield s, "zfill", (6,)
    yield "abc", "center", (4,)
    yield "ab", "center", (5,)
    yield "ab", "center", (4,)
    for ts in [1, 4, 8, 0, -1]:
        yield "a\tbc\td\n\te", "expandtabs", (ts,)
    yield "a\tb", "expandtabs", ()
    for s in ["xxhixx", "  hi  ", "\u3000hi\u3000"]:
        for a in [(), ("x",), (None,), ("xh",)]:
            yield s, "strip", a
            yield s, "lstrip", a
            yield s, "rstrip", a
    yield "abc", "strip", (1,)
    yield "-", "join", (["a", "b", "c"],)
    yield "", "join", (["x", "\u20ac", "\U0001f600"],)
    yield ", ", "join", ([],)
    yield "-", "join", (["a", 1],)
    # slicing and operators
    s = "abcdefgh\u20ac"
    for sl in [(None, None, None), (2, None, None), (None, -2, None), (1, 7, 2),
               (None, None, -1), (-2, 1, -3), (100, None, None), (5, 2, None)]:
        yield s, "__getitem__", (slice(*sl),)
    for i in [0, 3, -1, 9, -10, 100]:
        yield s, "__getitem__", (i,)
    yield s, "__getitem__", ("x",)
    for n in [0, 1, 3, -2]:
        yield "ab\u20ac", "__mul__", (n,)
    yield "ab", "__add__", ("c\u20ac",)
    yield "ab", "__add__", (1,)
    yield "ab", "__contains__", (1,)
    # format specs for str
    for spec in ["", "10", "<10", ">10", "^10", "*^9", "\u20ac>5", ".2", "10.3", "s", "<s",
                 "d", "+", "#", "=10", ",", "0", "05", "x<", "^"]:
        yield "hello", "__format__", (spec,)
    # str.format
    for fmt, args in [("{} {}", ("a", "b")), ("{1}{0}", ("a", "b")), ("{0}{}", ("a",)),
                      ("{}{1}", ("a", "b")), ("{{}} {}", ("x",)), ("{:>5}|{:<5}|", ("ab", "c")),
                      ("{0!r} {0!s} {0!a}", ("\u20ac'",)), ("{0:{1}}", ("ab", 6)),
                      ("{0:{1}{2}}", ("ab", ">", 6)), ("{", ()), ("}", ()), ("{0", ("a",)),
                      ("{2}", ("a",)), ("{0!x}", ("a",)), ("{0[1]}", (["a", "b"],)),
                      ("{0[1]", ("ab",)), ("{0:{1:{2}}}", ("a", "b", "c")), ("{!r:>6}", ("a",)),
                      ("{0.real}", (3,)), ("{0:d}", (42,)), ("{:.3}", ("abcdef",)),
                      ("x{}y{}z", (1, 2.5))]:
        yield fmt, "format", args
    for fmt, mapping in [("{a}-{b}", {"a": 1, "b": "x"}), ("{c}", {"a": 1}), ("{a[0]}", {"a": "xy"}),
                         ("{a!r:>8}", {"a": "q"}), ("{0}", {"a": 1}), ("{}", {})]:
        yield fmt, "format_map", (mapping,)
    # printf-style
    for fmt, args in [("%s", "x"), ("%s %s", ("a", "b")), ("%r", "\u20ac'"), ("%a", "\u20ac"),
                      ("%5s|%-5s|", ("ab", "cd")), ("%.2s", "abcdef"), ("%c%c", (65, "\u20ac")),
                      ("%d %i %u", (1, -2, 3)), ("%5d|%-5d|%05d", (42, 42, -42)),
                      ("%+d % d", (5, 5)), ("%x %X %o", (255, 255, 8)),
                      ("%#x %#X %#o", (255, 255, 8)), ("%.3d", 7), ("%*d|%-*d", (4, 1, 4, 2)),
                      ("%.*s", (2, "abc")), ("%e %E", (1234.5, 0.00012)),
                      ("%f %.2f %10.3f", (3.14159, 2.5, -1.0)), ("%g %G %g", (1e10, 1e-10, 5.0)),
                      ("%(a)s-%(b)d", {"a": "x", "b": 2}), ("%%", ()), ("%s", ()),
                      ("%s", ("a", "b")), ("%d", "x"), ("%x", 1.5), ("%c", "ab"), ("%q", 1),
                      ("%(a)s", ("x",)), ("%d", 3.7), ("%s", ((1, 2),)), ("%s and %r", (None, None)),
                      ("%-08.3f|", 3.14159), ("%+.1e", -12345.678), ("%c", 0x110000), ("%", ()),
                      ("%(a", {"a": 1}), ("%f", "x"), ("%i", True), ("%5%", ())]:
        yield fmt, "__mod__", (args,)
    # maketrans / translate
    yield "abc", "translate", ({97: "xy", 98: None, 99: 0x20ac},)
    yield "abc", "translate", ({97: 1.5},)
    yield "abc", "translate", ({97: 0x110000},)
    norm = ["e\u0301", "\u00e9", "\u1e9b\u0323", "\ufb01", "\u2460", "\uac00\u11a8",
            "\u1100\u1161\u11a8", "A\u030a\u0323", "A\u0327\u0301", "\u212b", "\u00c5",
            "\u0344", "\u0f73", "\u01c5", "\u3300", "\ufdfa", "a\u0316\u0301\u0300b",
            "\u0301a", "\u0b47\u0300\u0b3e", "\u1100\uac00\u11a8", ""]
    for s in norm + sweep_strings()[::3]:
        for form in ["NFC", "NFD", "NFKC", "NFKD"]:
            yield s, "normalize:" + form, ()
    yield "x", "normalize:NFX", ()
    for a, b in [("abc", "abd"), ("abc", "abc"), ("ab", "abc"), ("\u20ac", "a"), ("a", "\u20ac"),
                 ("\U0001f600", "\uffff"), ("", ""), ("a" + SUR, "a\ud7ff"), ("abc", 1)]:
        for op in ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"]:
            yield a, op, (b,)
    for s in ["abc", "\u00e9t\u00e9", "\U0001f600x", ""]:
        yield s, "iterlist", ()
        yield s, "itertype", ()
    for args in [(), ("x",), (b"abc", "utf-8"), (b"\xff", "utf-8"), (b"\xff", "utf-8", "replace"),
                 (b"abc", "ascii", "strict"), ("abc", "utf-8"), (1, "utf-8"),
                 (bytearray(b"x\xe9"), "latin-1"), (b"a", "nope"), (b"a\x00b", "utf-16"),
                 (memoryview(b"mv"), "ascii"), (b"x", None)]:
        yield "", "construct", args
    import encodings.cp1252
    table = encodings.cp1252.decoding_table
    encmap = {ord(c): i for i, c in enumerate(table) if c != "\ufffe"}
    for s in ["abc", "\u20ac\u2122x", "\u0100", "a\u0100b\u20ac"]:
        for err in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
            yield s, "charmap_encode", (err, encmap)
    yield "hello", "removeprefix", ("he",)
    yield "hello", "removesuffix", ("",)
    yield "hello", "removeprefix", (1,)


def bytes_calls():
    """Yield (recv, op, args) for bytes and bytearray."""
    samples = [b"", b"abc", b"Hello World", b"  spaced\t\n", b"\x00\x80\xff'", b"it's",
               b"both ' and \"", b"a\nb\r\nc\rd", b"MiXeD 123", b"title case", b"-42",
               b"\xff\xfe\x00\xd8", b"\x00\xd8\x00\x00\x00", b"\x00\x00\x11\x00",
               b"\xe2\x82", b"\xe2\x82A", b"\xed\xa0\x80x", b"\xf0\x9f\x98\x80",
               b"\xf4\x90\x80\x80", b"\xc0\xaf", b"a\\x4", b"\\N{DIGIT ONE}\\u20ac\\U0001f600",
               b"\\q\\", b"\x80\x81\x82\x83\x84\x85abc"]
    for cls in (bytes, bytearray):
        for b in samples:
            r = cls(b)
            for m in ["lower", "upper", "swapcase", "title", "capitalize", "isalnum",
                      "isalpha", "isascii", "isdigit", "islower", "isspace", "istitle",
                      "isupper", "__repr__", "splitlines", "split", "rsplit", "strip",
                      "lstrip", "rstrip", "__len__", "hex", "__hash__"]:
                yield r, m, ()
            yield r, "splitlines", (True,)
            yield r, "hex", (":",)
            yield r, "hex", ("-", 2)
            yield r, "hex", ("-", -2)
            for enc in ["utf-8", "ascii", "latin-1", "utf-16", "utf-16-be", "utf-32",
                        "utf-32-be", "unicode_escape", "raw_unicode_escape"]:
                for err in ["strict", "ignore", "replace", "backslashreplace",
                            "surrogateescape", "surrogatepass"]:
                    yield r, "decode", (enc, err)
        for args in [(), (3,), (-1,), ("abc",), ("abc", "utf-8"), ("\u00e9", "ascii"),
                     ("\u00e9", "ascii", "replace"), ([1, 2, 3],), ([256],), (["a"],), (b"xy",),
                     (bytearray(b"z"),), (memoryview(b"ab"),), (1.5,), (None,), (b"x", "utf-8"),
                     ((1, 2),), ("x", None, "strict"), (0,)]:
            yield cls(), "construct", args
        for a, b in [(b"abc", b"abd"), (b"abc", b"abc"), (b"ab", b"abc"), (b"\xff", b"a"),
                     (b"", b""), (b"abc", bytearray(b"abc")), (b"abc", "abc"),
                     (b"abc", memoryview(b"abd"))]:
            for op in ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"]:
                yield cls(a), op, (b,)
        if cls is bytes:
            import encodings.cp1252
            for b in [b"abc", b"\x80\x99\x81z", b"\x81\x8d"]:
                for err in ["strict", "ignore", "replace", "backslashreplace", "surrogateescape"]:
                    yield b, "charmap_decode", (err, encodings.cp1252.decoding_table)
                yield b, "charmap_decode", ("strict", {0x61: "A", 0x62: None, 0x63: 0x20ac,
                                                       0x80: "xy"})
            for b in [b"a\\nb", b"\\x41\\101\\7", b"\\x4", b"\\xzz", b"\\q\\'\\\"",
                      b"tail\\", b"\\\nx", b"\\0\\777"]:
                yield b, "escape_decode", ()
        yield cls(b"ab\xff"), "iterlist", ()
        yield cls(b"ab"), "itertype", ()
        base = cls(b"hello world, hello")
        for sub in [b"l", b"hello", b"", b"xyz", 108, 256]:
            for m in ["find", "rfind", "index", "count", "__contains__"]:
                yield base, m, (sub,)
        for m in ["partition", "rpartition", "split", "rsplit", "startswith", "endswith",
                  "removeprefix", "removesuffix"]:
            for sub in [b"l", b"o w", b"zz"]:
                yield base, m, (sub,)
        yield base, "replace", (b"l", b"L")
        yield base, "replace", (b"", b"-", 3)
        yield base, "split", (b",", 1)
        yield base, "split", ("l",)
        yield base, "find", ("l",)
        yield base, "center", (24, b"*")
        yield base, "ljust", (20,)
        yield base, "rjust", (20, b"ab")
        yield cls(b"-42"), "zfill", (6,)
        yield cls(b"a\tb"), "expandtabs", (4,)
        yield cls(b"-"), "join", ([b"a", bytearray(b"b"), b"c"],)
        yield cls(b"-"), "join", ([b"a", "b"],)
        yield base, "translate", (None, b"lo")
        yield base, "__getitem__", (slice(1, 9, 2),)
        yield base, "__getitem__", (-1,)
        yield base, "__getitem__", (100,)
        yield base, "__mul__", (2,)
        yield base, "__add__", (b"!",)
        yield base, "__add__", ("!",)
        for fmt, args in [(b"%s-%d", (b"ab", 5)), (b"%r", ("\u20ac",)), (b"%5s|", (b"x",)),
                          (b"%c%c", (65, b"B")), (b"%x", (255,)), (b"%s", ("str",)),
                          (b"%b", (bytearray(b"z"),)), (b"%(k)s", {b"k": b"v"})]:
            yield cls(fmt), "__mod__", (args,)


class MV:
    """A memoryview receiver built fresh per case (over bytes or bytearray)."""

    def __init__(self, data, released=False):
        self.data = data
        self.released = released

    def make(self):
        m = memoryview(self.data)
        if self.released:
            m.release()
        return m


def memory_calls():
    """Yield (recv, op, args) for memoryview."""
    for data in [b"", b"abc", b"\x00\xff hello", bytearray(b"xyz12")]:
        for op in ["tobytes", "tolist", "hex", "__len__", "attr:format", "attr:itemsize",
                   "attr:ndim", "attr:shape", "attr:strides", "attr:readonly", "attr:nbytes",
                   "attr:c_contiguous", "attr:contiguous", "attr:suboffsets", "__hash__",
                   "attr:obj", "toreadonly_attrs"]:
            yield MV(data), op, ()
        yield MV(data), "hex", (":",)
        for key in [0, -1, 2, 10, slice(1, None), slice(None, None, -1), slice(0, 5, 2)]:
            yield MV(data), "getitem_tobytes" if isinstance(key, slice) else "__getitem__", (key,)
        yield MV(data), "__eq__", (bytes(data),)
        yield MV(data), "__eq__", (b"other",)
        yield MV(data), "__eq__", ("str",)
        for op in ["tobytes", "tolist", "__len__", "attr:format", "__getitem__", "__hash__"]:
            yield MV(data, True), op, ((0,) if op == "__getitem__" else ())
    for data in [b"\x01\x00\x02\x00\xff\xff\x00\x80", bytearray(b"abcdefgh")]:
        for fmt in ["B", "b", "c", "h", "H", "i", "I", "q", "Q", "d", "?", "@H", "x", "<h", "hh"]:
            yield MV(data), "cast_tolist", (fmt,)
            yield MV(data), "cast_attrs", (fmt,)
        yield MV(data), "cast_tolist", ("h", [4])
        yield MV(data), "cast_tolist", ("h", [3])
        yield MV(data), "cast_tolist", ("h", [2, 2])
        yield MV(data), "cast_tolist", ("B", 8)
    yield MV(b"abc"), "cast_tolist", ("h",)
    yield MV(b"\x05\x00"), "cast_tolist", ("h", [])
    yield MV(b"\x05\x00"), "cast_attrs", ("h", [])
    yield MV(b"\x05"), "cast_attrs", ("B", ())
    for shape in [[2, 4], [2, 2, 2], (8,), [1, 8], [0, 8], [3, 3]]:
        yield MV(bytearray(b"abcdefgh")), "cast_tolist", ("B", shape)
        yield MV(bytearray(b"abcdefgh")), "cast_attrs", ("B", shape)
    yield MV(bytearray(b"abcdefgh")), "cast_cast_tolist", (("B", [2, 4]), ("b",))
    yield MV(bytearray(b"abcdefgh")), "cast_cast_tolist", (("h", [2, 2]), ("B",))
    yield MV(bytearray(b"abcdefgh")), "cast_cast_tolist", (("B", [2, 4]), ("h", [4]))
    for fmt, val in [("h", 300), ("h", 40000), ("B", -1), ("b", -128), ("c", b"z"), ("c", b"zz"),
                     ("c", 1), ("d", 2.5), ("d", "x"), ("?", 0), ("I", 2 ** 32), ("q", 2 ** 63),
                     ("Q", 2 ** 64 - 1), ("B", 1.0)]:
        yield MV(bytearray(b"abcdefgh")), "cast_setitem_tolist", (fmt, 0, val)
    yield MV(bytearray(b"abcdefgh")), "setitem_tobytes", (slice(None, None, 2), b"1234")
    yield MV(bytearray(b"abcdefgh")), "setitem_tobytes", (slice(0, 2), memoryview(b"XY"))
    yield MV(bytearray(b"hello")), "setitem_tobytes", (0, 72)
    yield MV(bytearray(b"hello")), "setitem_tobytes", (slice(1, 3), b"EL")
    yield MV(bytearray(b"hello")), "setitem_tobytes", (slice(1, 3), b"E")
    yield MV(bytearray(b"hello")), "setitem_tobytes", (0, 256)
    yield MV(b"hello"), "setitem_tobytes", (0, 72)


def bytearray_calls():
    """Mutating bytearray operations: the result is (return value, the bytearray after)."""
    for op, args in [("append", (65,)), ("append", (256,)), ("append", ("a",)),
                     ("extend", (b"xy",)), ("extend", ([1, 2],)), ("extend", ("s",)),
                     ("extend", (5,)), ("insert", (0, 90)), ("insert", (-1, 90)),
                     ("insert", (100, 90)), ("pop", ()), ("pop", (0,)), ("pop", (-2,)),
                     ("pop", (10,)), ("remove", (108,)), ("remove", (1,)), ("reverse", ()),
                     ("clear", ()), ("copy", ())]:
        yield bytearray(b"hello"), "mut:" + op, args
    yield bytearray(), "mut:pop", ()
    for args in [(), (2,), (3,), (4,)]:
        yield bytearray(b"a\xffz"), "__reduce_ex__" if args else "__reduce__", args
    yield b"xyz", "__bytes__", ()
    for key, val in [(0, 72), (-1, 33), (5, 1), (0, 256), (slice(1, 3), b"EY"),
                     (slice(1, 3), b""), (slice(1, 3), b"abcdef"), (slice(None, None, 2), b"123"),
                     (slice(None, None, 2), b"12"), (slice(None, None, -1), b"54321"),
                     (slice(0, 0), [1, 2]), (slice(0, 1), 5), (slice(0, 1), "s")]:
        yield bytearray(b"hello"), "setitem_self", (key, val)
    for key in [0, -1, 9, slice(1, 3), slice(None, None, 2), slice(None, None, -2),
                slice(4, 0, -3)]:
        yield bytearray(b"hello"), "delitem_self", (key,)
    for v in [b"!!", bytearray(b"?"), memoryview(b"mv"), "s", 1]:
        yield bytearray(b"ab"), "iadd_self", (v,)
    for n in [0, 1, 3, -1]:
        yield bytearray(b"ab"), "imul_self", (n,)


def run_case(recv, op, args):
    import warnings
    warnings.simplefilter("ignore")
    if isinstance(recv, MV):
        recv = recv.make()
    try:
        if op == "charmap_decode":
            import codecs
            res = codecs.charmap_decode(recv, args[0], args[1])[0]
        elif op == "charmap_encode":
            import codecs
            res = codecs.charmap_encode(recv, args[0], args[1])[0]
        elif op == "escape_decode":
            import codecs
            res = codecs.escape_decode(recv)[0]
        elif op.startswith("normalize:"):
            import unicodedata
            res = unicodedata.normalize(op[10:], recv)
        elif op.startswith("mut:"):
            r = getattr(recv, op[4:])(*args)
            res = (r, recv)
        elif op == "setitem_self":
            recv[args[0]] = args[1]
            res = recv
        elif op == "delitem_self":
            del recv[args[0]]
            res = recv
        elif op == "iadd_self":
            recv += args[0]
            res = recv
        elif op == "imul_self":
            recv *= args[0]
            res = recv
        elif op in ("__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"):
            import operator
            res = getattr(operator, op.strip("_"))(recv, args[0])
        elif op == "iterlist":
            res = list(iter(recv))
        elif op == "itertype":
            res = type(iter(recv)).__name__
        elif op == "construct":
            res = type(recv)(*args)
        elif op == "predmask":
            res = predmask(recv)
        elif op.startswith("attr:"):
            res = getattr(recv, op[5:])
        elif op == "cast_cast_tolist":
            res = recv.cast(*args[0]).cast(*args[1]).tolist()
        elif op == "cast_setitem_tolist":
            m = recv.cast(args[0])
            m[args[1]] = args[2]
            res = m.tolist()
        elif op == "toreadonly_attrs":
            m = recv.toreadonly()
            res = (m.readonly, m.tobytes(), m.obj is recv.obj, recv.readonly)
        elif op == "cast_tolist":
            res = recv.cast(*args).tolist()
        elif op == "cast_attrs":
            m = recv.cast(*args)
            res = (m.format, m.itemsize, m.ndim, m.shape, m.strides, m.nbytes, m.readonly,
                   len(m))
        elif op == "getitem_tobytes":
            res = recv[args[0]].tobytes()
        elif op == "setitem_tobytes":
            recv[args[0]] = args[1]
            res = recv.tobytes()
        elif op == "__len__":
            res = len(recv)
        elif op == "__hash__":
            res = hash(recv)
        elif op == "__repr__":
            res = repr(recv)
        elif op == "__contains__":
            res = args[0] in recv
        elif op == "__mul__":
            res = recv * args[0]
        elif op == "__add__":
            res = recv + args[0]
        elif op == "__mod__":
            res = recv % args[0]
        elif op == "__getitem__":
            res = recv[args[0]]
        elif op == "__format__":
            res = format(recv, args[0])
        else:
            res = getattr(recv, op)(*args)
        out = repr(res)
    except Exception as e:  # noqa: BLE001 - recording every outcome
        out = "!%s: %s" % (type(e).__name__, e)
    return out.encode("utf-8", "backslashreplace")


def c_str(data):
    out = []
    for c in data:
        if c in (0x22, 0x5C) or c < 0x20 or c >= 0x7F or c == 0x3F:
            out.append("\\%03o" % c)
        else:
            out.append(chr(c))
    return '"' + "".join(out) + '"'


class Emitter:
    """C literal builder for typed values (see text_cases.h for the kinds)."""

    def __init__(self):
        self.arrays = []
        self.n = 0
        self.seen = {}

    def array(self, ctype, values):
        key = (ctype, tuple(values))
        if key in self.seen:  # identical operands share one array
            return self.seen[key]
        name = "a%d" % self.n
        self.n += 1
        vals = ", ".join(str(v) for v in values) or "0"
        self.arrays.append("static const %s %s[] = {%s};" % (ctype, name, vals))
        self.seen[key] = name
        return name

    def value(self, v):
        if v is None:
            return "{TV_NONE, 0, 0, 0, 0.0}"
        if isinstance(v, bool):
            return "{TV_BOOL, 0, 0, %d, 0.0}" % v
        if isinstance(v, int) and not -2 ** 63 <= v < 2 ** 63:
            return '{TV_BIGINT, "%d", 0, 0, 0.0}' % v
        if isinstance(v, int):
            return "{TV_INT, 0, 0, %dLL, 0.0}" % v
        if isinstance(v, float):
            return "{TV_FLOAT, 0, 0, 0, %r}" % v
        if isinstance(v, str):
            return "{TV_STR, %s, %d, 0, 0.0}" % (self.array("uint32_t", [ord(c) for c in v]), len(v))
        if isinstance(v, bytearray):
            return "{TV_BYTEARRAY, %s, %d, 0, 0.0}" % (self.array("uint32_t", list(v)), len(v))
        if isinstance(v, bytes):
            return "{TV_BYTES, %s, %d, 0, 0.0}" % (self.array("uint32_t", list(v)), len(v))
        if isinstance(v, memoryview):
            return self.value(MV(v.obj))
        if isinstance(v, MV):
            inner = self.value(v.data)
            return "{TV_MEMVIEW, %s, %d, 0, 0.0}" % (self.items([v.data]), int(v.released))
        if isinstance(v, slice):
            parts = [v.start, v.stop, v.step]
            return "{TV_SLICE, %s, 3, 0, 0.0}" % self.items(parts)
        if isinstance(v, (tuple, list)):
            kind = "TV_TUPLE" if isinstance(v, tuple) else "TV_LIST"
            return "{%s, %s, %d, 0, 0.0}" % (kind, self.items(list(v)), len(v))
        if isinstance(v, dict):
            flat = [x for kv in v.items() for x in kv]
            return "{TV_DICT, %s, %d, 0, 0.0}" % (self.items(flat), len(v))
        raise TypeError(v)

    def items(self, values):
        inner = ", ".join(self.value(x) for x in values) or "{TV_NONE, 0, 0, 0, 0.0}"
        if ("TValue", inner) in self.seen:
            return self.seen[("TValue", inner)]
        name = "t%d" % self.n
        self.n += 1
        self.arrays.append("static const TValue %s[] = {%s};" % (name, inner))
        self.seen[("TValue", inner)] = "(const void *)" + name
        return "(const void *)" + name


def write(path, cases, what):
    em = Emitter()
    rows = []
    for recv, op, args in cases:
        # Emit the operands before running: some operations mutate them.
        crecv, cargs = em.value(recv), em.items(list(args))
        exp = run_case(recv, op, args)
        rows.append("    {%s, \"%s\", %d, %s, %s}," % (crecv, op, len(args), cargs, c_str(exp)))
    with open(path, "w") as f:
        f.write("/* Generated by tests/unit/gen_text_expect.py from %s (%s cases of %s). "
                "Do not edit. */\n" % (ORACLE, len(rows), what))
        f.write("\n".join(em.arrays) + "\n")
        f.write("static const TCase cases[] = {\n" + "\n".join(rows) + "\n};\n")


# PyUnicode_FromFormat cases: (format, [(ctype, value)]) run through the oracle's own C function
# with ctypes; the C test makes the same call.
FROMFORMAT = [
    ("plain", []), ("%d|%i|%u", [("int", -5), ("int", 7), ("uint", 9)]),
    ("%ld %lu %lld %zd %zu", [("long", -123456789012), ("ulong", 123456789012),
                              ("longlong", -5), ("ssize", -77), ("size", 77)]),
    ("%5d|%-5d|%05d|%.3d", [("int", 42), ("int", 42), ("int", -42), ("int", 7)]),
    ("%x|%c|%c", [("int", 255), ("int", 65), ("int", 0x20ac)]),
    ("%s|%.3s|%6s|%-6s|", [("str", "abc"), ("str", "abcdef"), ("str", "ab"), ("str", "ab")]),
    ("%s", [("str", "caf\u00e9 \u20ac")]), ("%%|%5%|", []),
    ("%U|%.2U|%5U", [("obj", "xyz"), ("obj", "\u20acuvw"), ("obj", "ab")]),
    ("%S|%R|%A", [("obj", "a'b"), ("obj", "a'b"), ("obj", "\u20ac")]),
    ("%V|%V", [("obj", "o"), ("str", "ignored"), ("null", None), ("str", "fallback")]),
]

CTYPE = {"int": "int", "uint": "unsigned int", "long": "long", "ulong": "unsigned long",
         "longlong": "long long", "ssize": "Py_ssize_t", "size": "size_t"}


BYTES_FROMFORMAT = [
    ("%d-%s-%c", [("int", 42), ("bytes", b"xy"), ("int", 122)]),
    ("%5d|%-5d|%d", [("int", 7), ("int", 8), ("int", 9)]),
    ("%s|%.2s|", [("bytes", b"\xff\xfe\x80"), ("bytes", b"abcdef")]),
    ("%x %lu %zd %lld %i %u", [("int", 255), ("ulong", 2 ** 40), ("ssize", -3),
                               ("longlong", -2 ** 40), ("int", -1), ("uint", 4000000000)]),
    ("100%% %05d %3x", [("int", -42), ("int", 10)]), ("%c", [("int", 300)]),
    ("tail %q more", []),
]


def bytes_fromformat_expect():
    import ctypes
    api = ctypes.pythonapi
    api.PyBytes_FromFormat.restype = ctypes.py_object
    conv = {"int": ctypes.c_int, "uint": ctypes.c_uint, "long": ctypes.c_long,
            "ulong": ctypes.c_ulong, "longlong": ctypes.c_longlong, "ssize": ctypes.c_ssize_t,
            "size": ctypes.c_size_t}
    rows = []
    for fmt, args in BYTES_FROMFORMAT:
        cargs, cexpr = [], []
        for kind, v in args:
            if kind in conv:
                cargs.append(conv[kind](v))
                cexpr.append("(%s)%dLL" % (CTYPE[kind], v) if kind != "ulong" or v < 2 ** 63
                             else "(unsigned long)%dULL" % v)
            else:
                cargs.append(ctypes.c_char_p(v))
                cexpr.append(c_str(v))
        try:
            res = api.PyBytes_FromFormat(fmt.encode(), *cargs)
            exp = c_str(repr(res).encode())
        except Exception as e:  # noqa: BLE001
            exp = c_str(("!%s: %s" % (type(e).__name__, e)).encode())
        call = "PyBytes_FromFormat(%s%s)" % (c_str(fmt.encode()), "".join(", " + e for e in cexpr))
        rows.append("    CHECK_BYTES_FORMAT(%s, %s);" % (call, exp))
    return rows


def fromformat_expect():
    import ctypes
    api = ctypes.pythonapi
    api.PyUnicode_FromFormat.restype = ctypes.py_object
    conv = {"int": ctypes.c_int, "uint": ctypes.c_uint, "long": ctypes.c_long,
            "ulong": ctypes.c_ulong, "longlong": ctypes.c_longlong, "ssize": ctypes.c_ssize_t,
            "size": ctypes.c_size_t}
    rows = []
    for fmt, args in FROMFORMAT:
        cargs, cexpr = [], []
        for kind, v in args:
            if kind in conv:
                cargs.append(conv[kind](v))
                cexpr.append("(%s)%dLL" % (CTYPE[kind], v))
            elif kind == "str":
                cargs.append(ctypes.c_char_p(v.encode()))
                cexpr.append(c_str(v.encode()))
            elif kind == "obj":
                cargs.append(ctypes.py_object(v))
                cexpr.append("OBJ(%s)" % c_str(v.encode("utf-8", "surrogatepass")))
            else:
                cargs.append(ctypes.c_void_p(None))
                cexpr.append("NULL")
        res = api.PyUnicode_FromFormat(fmt.encode(), *cargs)
        call = "PyUnicode_FromFormat(%s%s)" % (c_str(fmt.encode()),
                                              "".join(", " + e for e in cexpr))
        rows.append("    CHECK_FORMAT(%s, %s);" % (call, c_str(res.encode("utf-8"))))
    return rows


def unidata_rows():
    """unicodedata properties of sampled code points, checked against pyrs/unidata.h."""
    import unicodedata as ud
    cps = sorted(set(list(range(0, 0x3000, 7)) + list(range(0x3000, 0x110000, 331)) +
                     [0x130, 0x1c5, 0x2160, 0xbd, 0x1d7ce, 0xac00, 0xd7a3, 0xfb01, 0x10ffff]))
    rows = []
    for cp in cps:
        c = chr(cp)
        num = ud.numeric(c, None)
        rows.append('    {0x%X, "%s", "%s", "%s", %d, %d, %d, %d, %s, "%s"},' % (
            cp, ud.category(c), ud.bidirectional(c), ud.east_asian_width(c), ud.combining(c),
            ud.mirrored(c), ud.decimal(c, -1), ud.digit(c, -1),
            "-1.0" if num is None else repr(num), ud.decomposition(c)))
    return rows


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        sys.exit(subprocess.call([ORACLE] + sys.argv, env=env))
    write(os.path.join(HERE, "unicode_expect.h"), list(calls()), "str")
    write(os.path.join(HERE, "bytes_expect.h"), list(bytes_calls()) + list(bytearray_calls()),
          "bytes")
    write(os.path.join(HERE, "memory_expect.h"), list(memory_calls()), "memoryview")
    with open(os.path.join(HERE, "bytes_expect.h"), "a") as f:
        f.write("static void\nbytes_fromformat_cases(void)\n{\n" +
                "\n".join(bytes_fromformat_expect()) + "\n}\n")
    with open(os.path.join(HERE, "unicode_expect.h"), "a") as f:
        f.write("static const struct {\n    uint32_t cp;\n    const char *cat, *bidi, *eaw;\n"
                "    int comb, mirrored, dec, dig;\n    double num;\n    const char *decomp;\n"
                "} unidata_rows[] = {\n" + "\n".join(unidata_rows()) + "\n};\n")
        f.write("static void\nfromformat_cases(void)\n{\n" + "\n".join(fromformat_expect()) +
                "\n}\n")


if __name__ == "__main__":
    main()
