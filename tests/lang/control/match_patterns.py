# match: literal, singleton, sequence, mapping, capture, guard and or-patterns.
def describe(x):
    match x:
        case 0 | 1:
            return "small int"
        case True:
            return "unreachable"
        case None:
            return "none"
        case [a, b]:
            return f"pair {a} {b}"
        case [first, *rest]:
            return f"seq first={first} rest={rest}"
        case {"kind": "point", "x": px, **others}:
            return f"point {px} {others}"
        case {"kind": k}:
            return f"kind {k}"
        case str() as s if len(s) > 3:
            return "long str " + s
        case str(s):
            return "short str " + s
        case int(n) if n < 0:
            return "negative"
        case float() | complex():
            return "number"
        case _:
            return "other " + repr(x)

for v in [0, 1, None, [1, 2], (3, 4, 5), [], {"kind": "point", "x": 1, "c": 2}, {"kind": "z"},
          "hello", "hi", -5, 7, 2.5, 1j, b"x", "ab"]:
    print(describe(v))
match (1, 2):
    case (a, b):
        print("bound", a, b)
match {"a": 1}:
    case {"b": _}:
        print("no")
    case {}:
        print("empty mapping pattern matches")
