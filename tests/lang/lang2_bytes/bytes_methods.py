# bytes: every method with normal, edge and bad arguments (messages as CPython prints them).
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


b = b"Hello, World \x00\xff abc"
for name in ["upper", "lower", "swapcase", "title", "capitalize", "isalnum", "isalpha", "isascii",
             "isdigit", "islower", "isupper", "isspace", "istitle", "strip", "lstrip", "rstrip",
             "split", "rsplit", "splitlines", "hex"]:
    show(name, lambda: getattr(b, name)())
show("find", lambda: (b.find(b"o"), b.find(111), b.rfind(b"o"), b.find(b"zz"), b.find(b"", 50)))
show("index", lambda: b.index(b"World"))
show("index miss", lambda: b.index(b"xyz"))
show("rindex miss", lambda: b.rindex(7))
show("count", lambda: (b.count(b"l"), b.count(108), b.count(b""), b.count(b"l", 5)))
show("find 256", lambda: b.find(256))
show("find str", lambda: b.find("o"))
show("startswith", lambda: (b.startswith(b"Hell"), b.startswith((b"x", b"H")), b.endswith(b"abc")))
show("startswith str", lambda: b.startswith("H"))
show("replace", lambda: b.replace(b"l", b"L", 2))
show("replace str", lambda: b.replace("l", "L"))
show("split sep", lambda: b"a,b,,c".split(b","))
show("rsplit max", lambda: b"a b c d".rsplit(maxsplit=2))
show("split empty", lambda: b"a".split(b""))
show("partition", lambda: (b"k=v=w".partition(b"="), b"k=v=w".rpartition(b"="), b"kv".partition(b"=")))
show("join", lambda: b"-".join([b"a", bytearray(b"b"), memoryview(b"c")]))
show("join bad", lambda: b"-".join([b"a", "b"]))
show("center", lambda: (b"ab".center(6, b"*"), b"ab".ljust(5), b"ab".rjust(4, b"0"), b"-5".zfill(4)))
show("center bad fill", lambda: b"ab".center(6, "*"))
show("center fill2", lambda: b"ab".center(6, b"**"))
show("strip arg", lambda: b"xxhixx".strip(b"x"))
show("strip str", lambda: b"xx".strip("x"))
show("expandtabs", lambda: b"a\tb\tc".expandtabs(4))
show("translate", lambda: b"hello".translate(bytes.maketrans(b"el", b"ip"), b"o"))
show("translate none", lambda: b"hello".translate(None, b"l"))
show("translate short", lambda: b"a".translate(b"abc"))
show("maketrans", lambda: bytes.maketrans(b"ab", b"c"))
show("removeprefix", lambda: (b"prefix".removeprefix(b"pre"), b"suffix".removesuffix(b"fix")))
show("hex sep", lambda: (b"\x01\x02\x03\x04".hex(":"), b"\x01\x02\x03\x04\x05".hex("-", 2), b"\x01\x02\x03".hex(b" ", -2)))
show("hex bad sep", lambda: b"ab".hex("::"))
show("fromhex", lambda: bytes.fromhex("de ad BE EF 00"))
show("fromhex bad", lambda: bytes.fromhex("abc"))
show("fromhex bad char", lambda: bytes.fromhex("zz"))
show("decode", lambda: b"caf\xc3\xa9".decode())
show("isdigit", lambda: (b"123".isdigit(), b"".isdigit(), b"12a".isalnum(), b"Ab Cd".istitle()))
show("splitlines", lambda: b"a\nb\r\nc\rd\x0be".splitlines(True))
show("ctor", lambda: (bytes(3), bytes([1, 2]), bytes("é", "utf-8"), bytes(b"x"), bytes(range(3))))
show("ctor neg", lambda: bytes(-1))
show("ctor str", lambda: bytes("abc"))
show("ctor list big", lambda: bytes([256]))
show("ctor float", lambda: bytes(1.5))
show("ctor errors only", lambda: bytes(b"x", errors="strict"))
class B:
    def __bytes__(self):
        return b"custom"
show("__bytes__", lambda: bytes(B()))
show("ops", lambda: (b"ab" + b"cd", b"ab" * 3, b"b" in b"abc", 98 in b"abc", b"abc"[1], b"abc"[::-1]))
show("in bad", lambda: 300 in b"abc")
show("in str", lambda: "a" in b"abc")
show("add str", lambda: b"a" + "b")
show("cmp", lambda: (b"a" < b"b", b"abc" == bytearray(b"abc"), b"a" == "a"))
show("lt str", lambda: b"a" < "b")
show("iter", lambda: (list(b"az"), hash(b"abc") == hash(bytes(b"abc"))))
