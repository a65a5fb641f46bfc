# _opcode.stack_effect (dis.stack_effect): CPython 3.11's effect of every opcode and
# pseudo-instruction, argument-dependent and jump-dependent effects, and the errors.
import _opcode
import dis
import opcode

ARGS = [0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 255, 256, 257, 1000, 0x10000, -1, -300]
for op in range(-12, 260):
    rows = []
    for jump in (None, True, False):
        vals = []
        for arg in ([None] if op < opcode.HAVE_ARGUMENT else ARGS):
            try:
                vals.append(_opcode.stack_effect(op, arg, jump=jump))
            except ValueError:
                vals.append("E")
        rows.append(vals)
    if all(v == "E" for row in rows for v in row):
        continue
    name = opcode.opname[op] if 0 <= op < 256 else "pseudo"
    text = rows[0] if rows[0] == rows[1] == rows[2] else rows
    print(op, name, text)

print(dis.stack_effect(dis.opmap["BUILD_SLICE"], 3), opcode.stack_effect is _opcode.stack_effect)
print("stack_effect" in opcode.__all__, _opcode.get_specialization_stats())
print(_opcode.stack_effect.__text_signature__, _opcode.stack_effect.__doc__)

CASES = [
    ((), {}), ((1, None, None), {}), ((100,), {}), ((1, 0), {}), ((1,), {"jump": 1}),
    ((30000,), {}), ((2**31,), {}), ((-2**31 - 1,), {}), ((100, 2**40), {}), ((100, 2**70), {}),
    ((100, "x"), {}), (("x",), {}), ((1.5,), {}), ((100, 1.5), {}), ((True,), {}),
    ((100, True), {}), ((255, 1), {}), ((1,), {"bogus": 1}), ((93, 0), {"jump": True}),
    ((9,), {"jump": None}),
]
for args, kw in CASES:
    try:
        print(args, kw, _opcode.stack_effect(*args, **kw))
    except Exception as e:
        print(args, kw, type(e).__name__, e)
