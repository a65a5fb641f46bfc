# compile() in exec/eval/single modes, exec/eval namespaces (globals, locals, builtins
# injection), code object attributes, and the errors of bad sources and arguments.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


code = compile("x = 1\ny = x + 2\n", "<prog>", "exec")
ns = {}
exec(code, ns)
print(ns["x"], ns["y"], "__builtins__" in ns, code.co_filename, code.co_name)
e = compile("a * 2 + b", "<expr>", "eval")
print(eval(e, {"a": 3, "b": 1}), eval("a", {"a": 1}, {"a": 2}), eval("len('abc')"), eval("[i for i in range(3)]"))
loc = {}
exec("def f(n):\n    return n * k\nk = 3\nr = f(2)", loc)
print(loc["r"], sorted(k for k in loc if k != "__builtins__"))
exec("z = 5", None, loc)
print(loc["z"])
show("syntax error", lambda: compile("x = (", "<bad>", "exec"))
show("syntax error eval", lambda: eval("1 +"))
show("eval stmt", lambda: eval("x = 1"))
show("bad mode", lambda: compile("1", "f", "nope"))
show("exec int", lambda: exec(5))
show("eval globals list", lambda: eval("1", []))
show("eval locals int", lambda: eval("1", {}, 5))
show("name error", lambda: eval("undefined_name"))
show("exec returns", lambda: exec("1 + 1"))
show("null byte", lambda: compile("x = 1\x00", "f", "exec"))
show("bytes source", lambda: eval(b"1 + 2"))
show("code eval", lambda: eval(compile("3 * 3", "s", "eval")))
show("exec code with return", lambda: exec("return 5"))
show("indent", lambda: compile("  x = 1", "f", "exec"))
show("dont_inherit", lambda: eval(compile("2**3", "f", "eval", dont_inherit=True)))
show("flags bad", lambda: compile("1", "f", "eval", flags=0x7fffffff))
show("compile kw", lambda: compile(source="1", filename="f", mode="eval").co_filename)
single = compile("1 + 1\n", "<single>", "single")
print(type(single).__name__, single.co_filename)
c = compile("def h(a, b=2, *args, c, **kw):\n    v = a\n    return v\n", "<defs>", "exec")
d = {}
exec(c, d)
h = d["h"]
print(h.__code__.co_argcount, h.__code__.co_kwonlyargcount, h.__code__.co_varnames[:6], h.__code__.co_name, h.__defaults__)
print(h(1, c=0), h.__name__, h.__qualname__, h.__module__ if "__name__" in d else "no-module")
class Mapping:
    def __getitem__(self, k):
        if k == "magic":
            return 42
        raise KeyError(k)
print(eval("magic + 1", {}, Mapping()))
show("mapping missing", lambda: eval("nothing", {}, Mapping()))
