# int arithmetic: signs of floor division and modulo, pow with modulus and negative exponents,
# shifts, bitwise ops on negatives, and the errors of each.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


nums = [0, 1, -1, 7, -7, 3, -3, 2**31 - 1, -2**31, 2**63, -2**63 - 1, 10**20 + 3]
for a in nums:
    row = []
    for b in [1, -1, 3, -3, 7, 2**64 + 1]:
        row.append((a // b, a % b, divmod(a, b) == (a // b, a % b), a * b, a - b))
    print(a, row)
for a in [5, -5, 0, 12345678901234567890]:
    print(a, a << 3, a >> 1, a >> 100, a & 0xFF, a | 0x100, a ^ -1, ~a, -a, +a, abs(a))
for base, exp, mod in [(2, 10, None), (2, 100, None), (-2, 3, None), (2, -1, None), (0, 0, None),
                       (3, 4, 5), (3, -1, 7), (2, 10, -7), (7, 0, 1), (-3, 3, 10), (2, 3, 0),
                       (4, -1, 8), (10**30, 10**3, 97), (2, 0.5, None)]:
    show(f"pow({base}, {exp}, {mod})", lambda: pow(base, exp, mod) if mod is not None else base ** exp)
show("div zero", lambda: 1 // 0)
show("mod zero", lambda: 1 % 0)
show("truediv zero", lambda: 1 / 0)
show("divmod zero", lambda: divmod(5, 0))
show("neg shift", lambda: 1 << -1)
show("neg rshift", lambda: 1 >> -1)
show("huge shift", lambda: 1 << 2**70)
show("rshift huge", lambda: -5 >> 2**70)
show("pow float mod", lambda: pow(2, 3, 1.5))
show("pow neg mod non-invertible", lambda: pow(2, -1, 4))
show("zero neg pow", lambda: 0 ** -1)
show("add str", lambda: 1 + "1")
show("and float", lambda: 1 & 1.0)
show("invert float", lambda: ~1.5)
show("truediv big", lambda: (10**400) / 1)
show("truediv big ok", lambda: (10**400) / (10**399))
show("truediv exact", lambda: (2**53 + 1) / 1)
print(7 / 2, -7 / 2, 1 / 3, 10**20 / 3, 2**1000 // 3**600, -(2**100) // 7)
print(True + True, True * 5, -True, True << 3, False ** 0, 5 // True)
print(int.__add__(3, 4), int.__floordiv__(-7, 2), int.__rsub__(1, 10), (3).__pow__(2, 5), int.__add__(1, 1.0))
