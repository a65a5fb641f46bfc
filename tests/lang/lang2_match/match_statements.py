# match used as a small interpreter: command tuples dispatched by structure, AS patterns,
# nested or-patterns with captures, value patterns on a module constant, fall-through to no
# case (no error), and the subject evaluated exactly once.
import math

trace = []


def subject(v):
    trace.append("evaluated")
    return v


def run(program):
    stack = []
    out = []
    for instr in program:
        match instr:
            case ("push", (int() | float()) as n):
                stack.append(n)
            case ("pop",):
                stack.pop()
            case ("add" | "mul") as op, :
                b, a = stack.pop(), stack.pop()
                stack.append(a + b if op == ("add",) else a * b)
            case ("dup", count) if count > 0:
                stack.extend([stack[-1]] * count)
            case ("print", str(label)):
                out.append(f"{label}={stack[-1]}")
            case ("const", math.pi):
                stack.append("pi!")
            case ("jump" | "goto", target) | ("branch", target, _):
                out.append(f"ignored jump to {target}")
            case {"op": "swap"}:
                stack[-1], stack[-2] = stack[-2], stack[-1]
            case unknown:
                out.append(f"unknown {unknown!r}")
    return stack, out


print(run([("push", 2), ("push", 3.5), ("add",), ("dup", 2), ("mul",), ("print", "top"),
           ("const", math.pi), ("jump", 7), ("branch", 9, "if"), {"op": "swap"}, ("bogus",), ("push", "x")]))
match subject([1, 2]):
    case [3, _]:
        pass
    case [1, x]:
        print("x is", x, trace)
match subject(7):
    case 1 | 2:
        print("no")
print("no case matched, continuing", trace)
for v in [(1, (2, 3)), (1, [2, 3]), (1, 2)]:
    match v:
        case (a, (b, c) as inner):
            print("inner", inner, a + b + c)
        case (a, b):
            print("flat", a, b)
