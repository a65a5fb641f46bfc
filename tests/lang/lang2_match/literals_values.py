# match with literal patterns (numbers, strings, bytes, None/True/False by identity, negative
# and complex literals), value patterns (dotted names, enum members), or-patterns, wildcards,
# capture patterns, and guards evaluated in order.
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Limits:
    LOW = 10
    HIGH = 100


def classify(v):
    match v:
        case 0 | 0.0:
            return "zero"
        case True:
            return "true"
        case False:
            return "false"
        case None:
            return "none"
        case -1:
            return "minus one"
        case 1 + 2j:
            return "complex"
        case "hi" | "hello":
            return "greeting " + v
        case b"raw":
            return "bytes"
        case Color.RED:
            return "red"
        case Limits.LOW | Limits.HIGH:
            return f"limit {v}"
        case int(n) if n > 1000:
            return "big int"
        case str() as s if s.isdigit():
            return "digit string"
        case x if isinstance(x, float) and x != x:
            return "nan"
        case _:
            return "other " + repr(v)


for value in [0, 0.0, False, True, 1, 1.0, None, -1, 1 + 2j, "hi", "hello", b"raw", "raw",
              Color.RED, Color.GREEN, 10, 100, 5000, "123", "12a", float("nan"), [], 2.5]:
    print(repr(value), "->", classify(value))
guards = []


def g(tag, result):
    guards.append(tag)
    return result


def guarded(v):
    match v:
        case int() if g("first", v < 0):
            return "negative"
        case int() if g("second", v == 0):
            return "zero"
        case int() if g("third", True):
            return "positive"


for v in [-5, 0, 5]:
    guards.clear()
    print(v, guarded(v), guards)
match 42:
    case other:
        print("capture always matches:", other)
print(other)
