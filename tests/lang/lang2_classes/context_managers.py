# with statements: __enter__/__exit__ call order with nested and multiple managers, exception
# suppression, exceptions raised in __exit__, return/break/continue through with, and managers
# that are not context managers.
import contextlib


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


class CM:
    def __init__(self, name, suppress=False, fail_exit=False):
        self.name = name
        self.suppress = suppress
        self.fail_exit = fail_exit

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev, tb is not None)
        if self.fail_exit:
            raise RuntimeError("exit failed in " + self.name)
        return self.suppress


with CM("a") as x, CM("b") as y:
    print("body", x, y)
with CM("outer", suppress=True):
    with CM("inner"):
        raise ValueError("inner problem")
print("after suppressed")
show("not suppressed", lambda: exec("with CM('n'):\n    1/0"))
show("exit raises", lambda: exec("with CM('f', fail_exit=True):\n    raise KeyError('k')"))


def returns():
    with CM("ret"):
        return "returned value"


print(returns())
for i in range(3):
    with CM(f"loop{i}"):
        if i == 0:
            continue
        if i == 2:
            break
        print("loop body", i)


class NoEnter:
    def __exit__(self, *a):
        pass


class NoExit:
    def __enter__(self):
        return self

show("no enter", lambda: exec("with NoEnter(): pass", {"NoEnter": NoEnter}))
show("no exit", lambda: exec("with NoExit(): pass", {"NoExit": NoExit}))
show("int", lambda: exec("with 5: pass"))



@contextlib.contextmanager
def managed(tag):
    print("setup", tag)
    try:
        yield tag * 2
    except ZeroDivisionError as e:
        print("handled in generator:", e)
    finally:
        print("teardown", tag)


with managed("t") as v:
    print("using", v)
with managed("z"):
    1 / 0
print("continued")
with contextlib.suppress(KeyError, IndexError):
    [][1]
print("suppressed index error")
with contextlib.ExitStack() as stack:
    for n in "xyz":
        stack.enter_context(CM(n))
    stack.callback(print, "callback ran")
    print("stack body")


class Reentrant:
    depth = 0

    def __enter__(self):
        Reentrant.depth += 1
        return Reentrant.depth

    def __exit__(self, *exc):
        Reentrant.depth -= 1


r = Reentrant()
with r as d1:
    with r as d2:
        print("depths", d1, d2)
print("final depth", Reentrant.depth)
