# Expression semantics: chained comparisons evaluate operands once, short-circuit returns the
# operand, conditional expressions, operator precedence (** vs unary minus, not vs ==, bitwise
# vs comparison), identity vs equality of cached ints/strings, ternaries in lambdas,
# assert messages, del of names/items/attributes/slices, and pass/ellipsis statements.
calls = []


def v(x):
    calls.append(x)
    return x


print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(3) < v(2) < v(1), calls)
print(0 or "" or None or "last", 1 and 2 and 3, 0 and v("never"), [] or {}, "a" and "")
print(-2 ** 2, (-2) ** 2, 2 ** -1, 2 ** 3 ** 2, not 1 == 2, not (1 == 2), 1 | 2 == 3, (1 | 2) == 3)
print(~5 + 1, -~5, 5 & 3 << 1, 10 - 4 - 3, 2 * 3 % 4, 7 // 2 * 2, 1 if 0 else 2 if 0 else 3)
print(1 < 2 == 2 > 1, 1 in [1] in [[1]], (1 in [1]) in [True], 3 != None, "a" * 2 == "aa")
a = 256
b = 256
print(a == b, [1, 2] == [1, 2], [1, 2] != [1, 3], () == (), "" == str())
try:
    assert 1 + 1 == 3, f"math is broken: {1 + 1}"
except AssertionError as e:
    print("AssertionError:", e, e.args)
try:
    assert [], "empty list is falsy"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert False
except AssertionError as e:
    print("bare assert:", repr(e), e.args)
lst = list(range(10))
del lst[1], lst[2:4], lst[-1]
print(lst)


class O:
    pass


o = O()
o.a = o.b = 1
del o.a
print(vars(o))
x = y = 1
del x, y
print("x" in dir(), "y" in dir())
pass
...
print((lambda n: "even" if n % 2 == 0 else "odd")(7), (lambda: (yield))().__class__.__name__)
print(divmod(-7, 2), -7 // 2, -7 % 2, 7 % -2, round(-2.5), int(-2.5), 2 ** 0.5 == 2 ** (1 / 2))
print(1_000_000 + 0x_FF + 0o17 + 0b1010, 1e3, 1E-2, .5, 5., 1j * 1j, 0xdead_beef)
print("con" "cat" 'ena' """tion""", b"by" b"tes", "\x41\u00e9\N{GREEK SMALL LETTER ALPHA}\U0001F600", "\101\7")
print(type(...).__name__, ... is Ellipsis, [...] == [...])
print(max(range(5), key=lambda q: (q % 3, -q)), sorted([3, 1, 2], key=lambda q: -q))
print(isinstance(1 if True else "", int), (1, 2) + (3,) * 2, [[0] * 2] * 2, {"a": 1} == dict(a=1))
# `is` with a literal: a SyntaxWarning when the code is compiled (here at run time, so that an
# executable built ahead of time prints it too), a SyntaxError when warnings are errors
import warnings
exec(compile("print(3 is not None, () is (), None is None, (1, (2,)) is 5)", "<literal>", "exec"))
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        compile("x is 'text'", "<strict>", "eval")
    except SyntaxError as e:
        print(type(e).__name__, e)
