# Every pattern kind of the match statement (PEP 634), with guards and nesting.
match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0):
        print("Origin")
    case Point(1, y=2) | Point(x=3, y=4) as p:
        pass
    case [Point(x=0, y=0), *rest] if rest:
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case {1: _, 2.5: [], -3: (), 1 + 2j: {}, b"k": None}:
        pass
    case None | True | False:
        pass
    case -1 | 1.5 | -2j | 1 - 2j | "s" "t" | b"b":
        pass
    case a.b.c | a.b:
        pass
    case (1, 2, *_):
        pass
    case [*_, last] | (first, *_):
        pass
    case (x):
        pass
    case [(y as z), [w, *ws]] if z > 0 and w:
        pass
    case Klass():
        pass
    case str() | bytes() as s:
        pass
    case _:
        pass

match x, y:
    case 1, 2:
        pass
    case *a, b:
        pass

match (yield):
    case {**rest}:
        pass

match = 1
case = match
match[0] = case
match.x(case)
