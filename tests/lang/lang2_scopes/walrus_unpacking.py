# Assignment expressions and unpacking assignments: walrus in conditions, loops, lambdas and
# arguments; starred unpacking in every position; nested targets; swapping; chained
# assignment order; and the unpacking error messages.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


items = iter([3, 1, 4, 0, 5])
while (v := next(items)) != 0:
    print("got", v)
print((w := 10) + w, w)
print([(n, sq) for n in range(5) if (sq := n * n) % 2], sq)
print((lambda: (z := 5) * 2)(), (f := len)("abc"), f.__name__)
a, b = 1, 2
a, b = b, a
print(a, b)
first, *middle, last = range(6)
*init, tail = "abc"
head, *rest = [1]
(p, q), [r, *s] = "xy", (1, 2, 3)
print(first, middle, last, init, tail, head, rest, p, q, r, s)
x = y = z = []
x.append(1)
print(y, z is x)
order = []


class Rec(dict):
    def __setitem__(self, k, v):
        order.append(k)
        super().__setitem__(k, v)


d = Rec()
d["a"] = d["b"] = 5
print(order)
i = 0
lst = [0, 0, 0]
i, lst[i] = 1, 9
print(i, lst)
for idx, (ch, *others) in enumerate(["ab", "c", "def"]):
    print(idx, ch, others)
print([*range(3), *"ab", *{"k": 1}], (*[1], 2), {*"ab", *"bc"} == {"a", "b", "c"}, {**{"a": 1}, "b": 2})
show("too many", lambda: exec("a, b = [1, 2, 3]"))
show("too few", lambda: exec("a, b, c = [1, 2]"))
show("star too few", lambda: exec("a, b, *c, d = [1, 2]"))
show("not iterable", lambda: exec("a, b = None"))
show("not iterable star", lambda: exec("a, *b = 5"))
show("string unpack", lambda: exec("a, b = 'abc'"))
show("dict unpack", lambda: exec("a, b = {'x': 1, 'y': 2}\nprint(a, b)"))
show("generator unpack", lambda: exec("a, b = (i for i in range(5))"))
show("two stars", lambda: compile("a, *b, *c = x", "s", "exec"))
show("star alone", lambda: compile("*a = x", "s", "exec"))
show("walrus target attr", lambda: compile("(a.b := 1)", "s", "exec"))
show("walrus unparenthesized", lambda: compile("x := 1", "s", "exec"))
show("assign literal", lambda: compile("1 = x", "s", "exec"))
show("assign call", lambda: compile("f() = 1", "s", "exec"))
show("augassign tuple", lambda: compile("a, b += 1", "s", "exec"))
show("star dict", lambda: eval("{**[1]}"))
show("kwargs non-str", lambda: dict(**{1: 2}))
big_first, *big_rest = range(10**5)
print(big_first, len(big_rest), big_rest[-1])
