# Generators as iterators: laziness and evaluation order, infinite generators with islice,
# generator expressions in calls, gi_* attributes, generators in classes (__iter__), recursion
# (tree walk), pipelines, and exceptions propagating out of nested generator pipelines.
import itertools


def show(label, fn):
    try:
        r = fn()
    except BaseException as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


def noisy(name, values):
    for v in values:
        print(f"  {name} yields {v}")
        yield v


pipe = (v * 10 for v in noisy("src", [1, 2, 3]) if v != 2)
print("created")
print(next(pipe))
print(list(pipe))


def naturals():
    n = 0
    while True:
        yield n
        n += 1


print(list(itertools.islice(naturals(), 5)), sum(itertools.takewhile(lambda x: x < 100, naturals())))


class Tree:
    def __init__(self, v, *kids):
        self.v = v
        self.kids = kids

    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k


t = Tree(1, Tree(2, Tree(3)), Tree(4, Tree(5), Tree(6, Tree(7))))
print(list(t), sum(t), max(t), 5 in t, list(reversed(list(t))))


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def evens(src):
    return (x for x in src if x % 2 == 0)


def take(n, src):
    for _, v in zip(range(n), src):
        yield v


print(list(take(8, evens(fib()))))
g = naturals()
print(g.gi_running, g.gi_frame is not None, g.gi_yieldfrom, g.gi_code.co_name)
next(g)
print(g.gi_frame.f_lineno > 0, g.gi_frame.f_locals)


def chain_errors():
    yield 1
    yield 1 / 0


def stage(src):
    for v in src:
        yield v + 1


show("error through pipeline", lambda: list(stage(stage(chain_errors()))))
gen = (x for x in range(3))
print(iter(gen) is gen, list(gen), list(gen))
show("genexp non-iterable", lambda: (x for x in 5))


def gen_with_return_in_loop(limit):
    for i in range(10):
        if i == limit:
            return
        yield i


print(list(gen_with_return_in_loop(3)), list(gen_with_return_in_loop(0)))
print(sorted(x % 3 for x in range(10)), dict((i, i * i) for i in range(3)), "-".join(str(i) for i in range(4)))
pairs = ((i, j) for i in range(3) for j in range(i))
print(list(pairs))


def state_machine():
    state = "start"
    while state != "end":
        cmd = yield state
        state = {"start": {"go": "running"}, "running": {"stop": "end", "pause": "paused"},
                 "paused": {"go": "running"}}[state].get(cmd, state)
    yield "finished"


sm = state_machine()
print([next(sm)] + [sm.send(c) for c in ["go", "pause", "bogus", "go", "stop"]])
