# _pickle's exceptions: malformed pickles (type and message of each), objects that cannot be
# pickled, bad __reduce__ results, and misuse of the Pickler/Unpickler API.
import copyreg
import io
import pickle
import _pickle


def load(data, **kw):
    try:
        r = _pickle.loads(data, **kw)
    except Exception as e:
        # (the module's repr is left out: only the pickle part is checked here)
        print(repr(data)[:60], "->", type(e).__name__, str(e).split(" on <module")[0][:120])
    else:
        print(repr(data)[:60], "=>", repr(r)[:60])


for data in [
    b"", b"N", b"\x80", b"\x80\x06N.", b"\x80\x05\x95", b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00N",
    b"I12", b"I12\n", b"Ixyz\n.", b"I0x10\n.", b"I01\n.", b"I99999999999999999999\n.", b"L12L\n.",
    b"Lzz\n.", b"F1.5\n.", b"Fnope\n.", b"F1e999\n.", b"G\x00", b"J\x01\x02", b"K", b"M\x01",
    b"S'abc\n.", b"Sabc\n.", b"S'\\'\n.", b"S\"x\"\n.", b"T\x03\x00\x00\x00ab", b"T\xff\xff\xff\xffab.",
    b"U\x05ab", b"Vabc", b"V\\u20ac\n.", b"X\x05\x00\x00\x00ab", b"X\x02\x00\x00\x00\xff\xfe.",
    b"\x8c\x03abc", b"\x8d\x02\x00\x00\x00\x00\x00\x00\x00ab.", b"C\x05ab", b"B\x02\x00\x00\x00ab.",
    b"\x8e\x01\x00\x00\x00\x00\x00\x00\x00", b"\x96\x03\x00\x00\x00\x00\x00\x00\x00abc.",
    b"\x8a\x02\x01", b"\x8a\x00.", b"\x8b\xff\xff\xff\xff.", b"\x8b\x01\x00\x00\x00\xff.",
    b"0", b"1", b"2", b"a", b"e", b"s", b"u", b"b", b"t", b"l", b"d", b"o", b"R", b"(.", b"(N.",
    b"N(0.", b"(Nd.", b"(N1N.", b"]N(Ne.", b"}(Nu.", b"}(NNu.", b"}NN(s.", b"N.N", b"NN.",
    b"g0\n.", b"h\x00.", b"j\x00\x00\x00\x00.", b"Np-1\n.", b"Npx\n.", b"p0\n.", b"q\x00.",
    b"\x94.", b"N\x94h\x00.", b"gx\n.",
    b"cbuiltins\nlen\n)\x81.", b"cbuiltins\nint\nN\x81.", b"cbuiltins\nint\n)N\x92.",
    b"cbuiltins\nint\nN}\x92.", b"cbuiltins\nlen\n)}\x92.", b"N)R.", b"cbuiltins\nint\nNR.",
    b"cbuiltins\nint\n(K\x05tR.", b"cnosuchmodule_xyz\nf\n.", b"cbuiltins\nnosuchname\n.",
    b"cbuiltins\nlen", b"c\n\n.", b"\x80\x04\x8c\x08builtins\x8c\x03int\x93.", b"N\x8c\x01x\x93.",
    b"\x80\x04\x8c\x08builtins\x8c\x0bint.to_bytes\x93.", b"\x80\x02cbuiltins\nint.to_bytes\n.",
    b"\x80\x04\x8c\x08builtins\x8c\x10f.<locals>.g.inner\x93.",
    b"\x82\x00.", b"\x84\x00\x00\x00\x80.", b"\x82\x01.", b"Pabc\n.", b"NQ.",
    b"(cbuiltins\nlist\no.", b"(i\n\n.", b"(ibuiltins\nlist\n.", b"(N\x91.", b"\x8f(K\x01\x90.",
    b"N(K\x01\x90.", b"]N\x98.", b"\x98.", b"\x97.", b"Nb.", b"]]b.", b"]Nb.", b"]N(N}tb.",
    b"cbuiltins\nobject\n)\x81(Kxtb.", b"cbuiltins\nobject\n)\x81}(K\x01K\x02ub.",
    b"\x01", b"\xff", b"'", b"\\", b"z", b"\x80\x02\x88\x89\x86.",
]:
    load(data)

load(b"S'\xe9'\n.", encoding="ascii")
load(b"U\x01\xe9.", encoding="ascii", errors="replace")
load(b"U\x01\xe9.", encoding="nosuchcodec")
load(b"cStringIO\nStringIO\n.")
load(b"cStringIO\nStringIO\n.", fix_imports=False)
load(b"c__builtin__\nxrange\n.")
load(b"\x80\x03c__builtin__\nxrange\n.")


def dump(obj, proto=4, **kw):
    try:
        r = _pickle.dumps(obj, proto, **kw)
    except Exception as e:
        msg = str(e).split(" at 0x")[0]
        print(type(obj).__name__, proto, "->", type(e).__name__, msg[:120])
    else:
        print(type(obj).__name__, proto, "=>", r[:60])


def outer():
    def inner():
        pass
    return inner


class Local:
    pass


Local.__qualname__ = "NotHere"


class BadReduce:
    def __init__(self, value):
        self.value = value

    def __reduce__(self):
        return self.value


class NoReduce:
    __reduce_ex__ = None
    __reduce__ = None


dump(outer())
dump(lambda: 1)
dump(Local)
dump(Local, 2)
for value in [42, (), (len,), (1, ()), (len, 1), (len, (), None, 5), (len, (), None, None, 5),
              (len, (), None, None, None, 5), (len, (), 1, 2, 3, 4, 5), "not_a_global",
              (copyreg.__newobj__, ()),
              (copyreg.__newobj__, (1,)), (copyreg.__newobj__, (int,)),
              (copyreg.__newobj_ex__, (int, (), {}, 4)), (copyreg.__newobj_ex__, (1, (), {})),
              (copyreg.__newobj_ex__, (int, [], {})), (copyreg.__newobj_ex__, (int, (), []))]:
    for proto in (0, 2, 4):
        dump(BadReduce(value), proto)
dump(NoReduce())
dump(iter([]))
dump(io.BytesIO())
dump("\ud800", 0)
dump(1, 6)
dump(1, "x")
dump(None, 4, buffer_callback=print)
dump(BadReduce((BadReduce, (1,))), 2, buffer_callback=None)


class Zombie(_pickle.Pickler):
    def __init__(self):
        pass


class Ghost(_pickle.Unpickler):
    def __init__(self):
        pass


for call in [lambda: Zombie().dump(1), lambda: Ghost().load(), lambda: _pickle.Pickler(1),
             lambda: _pickle.Unpickler(1), lambda: _pickle.Pickler(io.BytesIO(), 9),
             lambda: _pickle.Pickler(io.BytesIO()).persistent_id,
             lambda: _pickle.Unpickler(io.BytesIO()).persistent_load,
             lambda: setattr(_pickle.Pickler(io.BytesIO()), "persistent_id", 3),
             lambda: delattr(_pickle.Pickler(io.BytesIO()), "persistent_id"),
             lambda: _pickle.Pickler(io.BytesIO()).dispatch_table,
             lambda: _pickle.loads("str"),
             lambda: _pickle.Unpickler(io.BytesIO(b"")).load(),
             lambda: _pickle.Unpickler(io.BytesIO(b"K\x01")).load(),
             lambda: _pickle.Unpickler(io.BytesIO(b"(")).find_class("builtins", "len"),
             lambda: _pickle.Unpickler(io.BytesIO(b"(")).find_class("builtins", "a.b")]:
    try:
        print("ok", call())
    except Exception as e:
        print(type(e).__name__, str(e).split(" on <module")[0])
