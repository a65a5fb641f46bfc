# Comprehension scopes: their own scope for loop variables, the first iterable evaluated in
# the enclosing scope, class-body visibility rules, walrus binding to the enclosing scope,
# nested comprehensions, and generator expressions' late evaluation.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


x = "outer x"
squares = [x for x in range(4)]
print(squares, x)
print({k: v for k, v in zip("ab", [1, 2])}, {c for c in "hello"} == set("hello"), list(i * 2 for i in range(3)))
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [v for row in matrix for v in row if v % 2], [[row[i] for row in matrix] for i in range(3)])
if (total := sum(range(5))) > 5:
    print("walrus at module", total)
data = [1, 2, 3, 4]
print([y for v in data if (y := v * v) > 4], y)


def in_function():
    results = [last := n for n in range(3)]
    return results, last


print(in_function())


class Table:
    size = 3
    rows = [i for i in range(size)]
    try:
        cells = [[size for _ in range(2)] for _ in range(2)]
    except NameError as e:
        cells = "NameError: " + str(e)
    pairs = [(a, b) for a in range(2) for b in range(a, 2)]


print(Table.rows, Table.cells, Table.pairs)


def gen_late():
    n = 1
    g = (n * i for i in range(3))
    n = 10
    return list(g)


print(gen_late())


def first_iter_early():
    seq = [1, 2]
    g = (v for v in seq)
    seq = [9, 9]
    return list(g)


print(first_iter_early())
show("walrus iter var", lambda: compile("[i := 0 for i in range(3)]", "s", "exec"))
show("walrus nested iter var", lambda: compile("[[(j := 0) for i in x] for j in y]", "s", "exec"))
show("walrus in class comp", lambda: compile("class C:\n    [z := 1 for _ in range(2)]", "s", "exec"))
show("walrus in iterable", lambda: compile("[x for x in (y := [1])]", "s", "exec"))
show("walrus in later iterable", lambda: compile("[x for y in z for x in (w := y)]", "s", "exec"))
show("walrus in lambda in iterable", lambda: compile("[x for x in (lambda: (y := [1]))()]", "s", "exec"))
show("yield in comp", lambda: compile("def f():\n    [(yield x) for x in y]", "s", "exec"))
show("unbound in comp", lambda: [undefined_var for _ in range(1)])
g = (1 / d for d in [1, 0])
print(next(g))
show("genexp error", lambda: next(g))
show("exhausted", lambda: next(g))
nested = [[j for j in range(i)] for i in range(4)]
print(nested, sum(len(r) for r in nested))
print(sorted({(a, b) for a in "ab" for b in "ab" if a != b}), dict((s, len(s)) for s in ["x", "yy"]))
print([(lambda q: q + i)(1) for i in range(3)], [f() for f in [lambda: i for i in range(2)]])
print(any(v > 2 for v in data), all(v for v in []), max((v for v in data), default=None))
