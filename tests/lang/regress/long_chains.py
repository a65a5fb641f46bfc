# Boolean and comparison chains, comprehension conditions and except clauses longer than
# any fixed table: every term is compiled (once a 33rd comprehension `if` was dropped).
n = 300
src = "def f(x):\n    return " + " or ".join(f"x == {i}" for i in range(n)) + "\n"
ns = {}; exec(src, ns); print(ns["f"](299), ns["f"](300))
src = "def g(x):\n    return " + " and ".join(f"x > {i}" for i in range(n)) + "\n"
exec(src, ns); print(ns["g"](300), ns["g"](5))
src = "def h(x):\n    return 0 " + " ".join(f"< x{i}" for i in range(n)) + "\n"
src2 = "def h2(*a):\n    return " + " < ".join(f"a[{i}]" for i in range(n)) + "\n"
exec(src2, ns); print(ns["h2"](*range(n)), ns["h2"](*range(n, 0, -1)))
conds = " ".join(f"if x % {p} != 0" for p in range(2, 60))
src = f"def k(N):\n    return [x for x in range(2, N) {conds}]\n"
exec(src, ns); print(ns["k"](400))
src = "def t(e):\n    try:\n        raise e\n" + "".join(f"    except E{i}:\n        return {i}\n" for i in range(100)) + "\n"
cls = {f"E{i}": type(f"E{i}", (Exception,), {}) for i in range(100)}
ns.update(cls); exec(src, ns); print(ns["t"](cls["E0"]), ns["t"](cls["E99"]), ns["t"](cls["E64"]))
