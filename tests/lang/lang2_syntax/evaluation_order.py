# Evaluation order: call arguments left to right, keyword and ** mixing, dict displays
# (key before value), augmented assignment on attributes and subscripts evaluating the target
# once, chained assignment targets left to right, conditional and boolean operands, subscript
# and slice pieces, and comparison operands.
log = []


def t(tag, value=None):
    log.append(tag)
    return tag if value is None else value


def f(*a, **k):
    return a, k


def run(label, fn):
    log.clear()
    r = fn()
    print(label, log, r)


run("call", lambda: f(t("a"), t("b"), *[t("c")], x=t("d"), **{t("e"): t("f")}))
run("dict display", lambda: {t("k1"): t("v1"), t("k2"): t("v2"), **{t("k3"): t("v3")}})
run("set/list display", lambda: ([t(1), t(2)], {t(3), t(4)}))
run("binary ops", lambda: t("l", 1) + t("r", 2) * t("rr", 3))
run("power", lambda: t("base", 2) ** t("exp", 3) ** t("exp2", 2))
run("compare chain", lambda: t("a", 1) < t("b", 2) < t("c", 0) < t("d", 5))
run("and/or", lambda: t("x", 0) or t("y", "") or t("z", "last"))
run("conditional", lambda: t("then") if t("cond", True) else t("else"))
run("subscript", lambda: [10, 20, 30][t("idx", 1)])
run("slice", lambda: list(range(10))[t("start", 1):t("stop", 8):t("step", 3)])


class Obj:
    def __init__(self):
        self._v = 1

    @property
    def v(self):
        log.append("get v")
        return self._v

    @v.setter
    def v(self, value):
        log.append(f"set v={value}")
        self._v = value


class Box(dict):
    def __getitem__(self, k):
        log.append(f"getitem {k}")
        return super().__getitem__(k)

    def __setitem__(self, k, v):
        log.append(f"setitem {k}={v}")
        super().__setitem__(k, v)


o = Obj()


def get_o():
    log.append("target obj")
    return o


run("aug attr", lambda: exec("get_o().v += t('rhs', 5)", globals()))
b = Box(k=1)


def get_b():
    log.append("target box")
    return b


run("aug item", lambda: exec("get_b()[t('key', 'k')] += t('rhs', 10)", globals()))
run("chained assign", lambda: exec("get_b()[t('first', 'a')] = get_b()[t('second', 'b')] = t('value', 0)", globals()))
run("tuple assign", lambda: exec("get_b()[t('x', 'x')], get_b()[t('y', 'y')] = t('v1', 1), t('v2', 2)", globals()))
run("method call", lambda: t("recv", "abc").replace(t("old", "b"), t("new", "B")))
run("lambda default", lambda: (lambda a=t("default evaluated"): a).__defaults__)
run("fstring", lambda: f"{t('one')}{t('two')}{t('three')!r:>{t('width', 8)}}")


class Meta(type):
    def __new__(mcs, name, bases, ns, **kw):
        log.append(f"metaclass new {name}")
        return super().__new__(mcs, name, bases, ns)


def deco(c):
    log.append("decorator applied")
    return c


def make_class():
    @deco
    class C(t("base", object), metaclass=t("meta", Meta)):
        log.append("body")
    return C.__name__


run("class creation", make_class)
print(b, o.v)
