# Sequence patterns (fixed length, star captures, nested, str/bytes not sequences, tuples vs
# lists, iterators not matched) and mapping patterns (key subsets, **rest, literal and value
# keys, get-based matching with defaultdict not creating keys), with captures bound on success.
import collections


def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x!r}"
        case [x, y] if x == y:
            return "pair of equals"
        case (first, *middle, last) if middle:
            return f"first={first} middle={middle} last={last}"
        case [_, _]:
            return "any pair"
        case [[a, b], [c, d]]:
            return f"matrix {a}{b}{c}{d}"
        case _:
            return "no sequence match " + type(v).__name__


for v in [[], (), [1], (2,), [3, 3], [1, 2, 3, 4], (1, 2), [[1, 2], [3, 4]], "ab", b"ab",
          bytearray(b"x"), iter([1]), {1: 2}, range(3), collections.deque([5, 6, 7])]:
    print(type(v).__name__, repr(v)[:20] if not hasattr(v, "__next__") else "iterator", "->", seq(v))


def mapping(v):
    match v:
        case {"type": "point", "x": x, "y": y}:
            return f"point {x},{y}"
        case {"type": "circle", "r": r, **rest}:
            return f"circle r={r} rest={rest}"
        case {1: one, None: n}:
            return f"int and None keys {one} {n}"
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"


for v in [{"type": "point", "x": 1, "y": 2, "extra": 0}, {"type": "circle", "r": 5, "c": "red"},
          {1: "a", None: "b"}, {}, {"type": "point"}, [("type", "point")], collections.OrderedDict(a=1)]:
    print(v, "->", mapping(v))
dd = collections.defaultdict(list)
print(mapping(dd), dict(dd))


def star_positions(v):
    match v:
        case [*head, 0]:
            return ("ends with 0", head)
        case [0, *tail]:
            return ("starts with 0", tail)
        case [*_, 5] if False:
            return "impossible"
        case [a, *_, b]:
            return ("ends", a, b)


for v in [[1, 2, 0], [0, 3], [7, 8, 9], [0], [4]]:
    print(v, star_positions(v))
match {"k": [1, {"deep": (2, 3)}]}:
    case {"k": [1, {"deep": (a, b)}]}:
        print("nested captures", a, b)
match [1, 2]:
    case [x, y, *rest] if rest:
        print("no")
    case [x, y, *rest]:
        print("rest empty", x, y, rest)
