# Pattern matching details CPython's test_patma checks: when captures are bound, which
# patterns are compile-time errors, and which subjects are never iterated.
import collections.abc


def bound_after(subject):
    x = y = "unset"
    match subject:
        case [x, 1] | [1, x]:
            pass
        case (y, 2, 3):
            pass
    return x, y


print(bound_after([5, 1]), bound_after([1, 6]), bound_after([7, 8]), bound_after((9, 2, 3)))


def alternatives(v):
    match v:
        case {"k": a} | [a, _] | a if isinstance(a, str):
            return "got", a
        case _:
            return "none"


for v in ({"k": 1}, [2, 3], "s", 4.5):
    print(alternatives(v))


class Endless(collections.abc.Sequence):
    def __getitem__(self, i):
        return i * 10

    def __len__(self):
        return 1000000


match Endless():
    case [a, b, *_, z]:
        print("endless", a, b, z)

match Endless():
    case [*_]:
        print("no items read")


class NoLen(collections.abc.Sequence):
    __getitem__ = None
    __len__ = None


match NoLen():
    case [*_]:
        print("no len needed")

bad = [
    "match x:\n case a:\n  pass\n case 1:\n  pass",
    "match x:\n case _:\n  pass\n case 1:\n  pass",
    "match x:\n case a | 1:\n  pass",
    "match x:\n case [a, a]:\n  pass",
    "match x:\n case [a] | [b]:\n  pass",
    "match x:\n case {'k': _, 'k': _}:\n  pass",
    "match x:\n case {0: _, False: _}:\n  pass",
    "match x:\n case {0: _, -0: _}:\n  pass",
    "match x:\n case [*a, *b]:\n  pass",
    "match x:\n case C(a=1, a=2):\n  pass",
    "match x:\n case f'{y}':\n  pass",
    "match x:\n case {f'': 1}:\n  pass",
    "match x:\n case a if a:\n  pass\n case b:\n  pass",
]
for src in bad:
    try:
        compile(src, "<m>", "exec")
        print("compiled", repr(src))
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)


class Keys:
    K = "a"


try:
    match {"a": 1}:
        case {Keys.K: p, "a": q}:
            pass
except ValueError as e:
    print("ValueError", e)


class Twice:
    __match_args__ = ("a", "a")
    a = 1


for pat in ("Twice(p, q)",):
    try:
        match Twice():
            case Twice(p, q):
                pass
    except TypeError as e:
        print("TypeError", e)


class Seq(collections.abc.Sequence):
    def __getitem__(self, i):
        raise IndexError

    def __len__(self):
        return 0


class Parent:
    pass


collections.abc.Mapping.register(Parent)


class Both(dict, collections.abc.Sequence):
    pass


def kind(x):
    match x:
        case [*_]:
            return "seq"
        case {}:
            return "map"
    return "other"


print(kind(Seq()), kind(Parent()), kind(Both()), kind(3), kind("str"), kind(b"b"), kind(range(2)))
