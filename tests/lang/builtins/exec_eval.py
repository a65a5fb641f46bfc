# exec(), eval() and compile() on source strings, with explicit and implicit namespaces.
print(eval("1 + 2 * 3"))
print(eval("  x * 2", {"x": 21}))
print(eval("a + b", {"a": 1}, {"b": 2}))
ns = {}
exec("def f(n):\n    return n * 10\ny = f(4)", ns)
print(ns["y"], sorted(k for k in ns if k != "__builtins__"))
print("__builtins__" in ns)
exec("z = 5")
print(z)
code = compile("q = 6 * 7", "<mine>", "exec")
print(type(code).__name__, code.co_filename)
g = {}
exec(code, g)
print(g["q"])
e = compile("[i * i for i in range(4)]", "<e>", "eval")
print(eval(e))
try:
    eval("1 +")
except SyntaxError as err:
    print("SyntaxError:", err.msg, err.filename, err.lineno)
try:
    compile("x", "f", "bogus")
except ValueError as err:
    print("ValueError:", err)
try:
    exec("raise KeyError('k')")
except KeyError as err:
    print("KeyError:", err)
try:
    eval(5)
except TypeError as err:
    print("TypeError:", err)
try:
    exec("pass", [])
except TypeError as err:
    print("TypeError:", err)


def inside():
    local_value = 3
    return eval("local_value + 1")


print(inside())
