# ast.parse options: feature_version= (SyntaxError for syntax newer than the requested 3.x),
# type_comments= (type_ignores and the type_comment fields), and the _ast classes' docstrings
# and constructor errors.
import ast


def try_parse(src, **kw):
    try:
        tree = ast.parse(src, **kw)
    except SyntaxError as e:
        return f"SyntaxError: {e.msg} (line {e.lineno})"
    except Exception as e:
        return f"{type(e).__name__}: {e}"
    return tree


def version_check(src, version):
    r = try_parse(src, feature_version=version)
    print(repr(src), version, "ok" if isinstance(r, ast.AST) else r)


for src, low, high in [
    ("def f(a, /): pass", (3, 7), (3, 8)),
    ("lambda a, /: 0", (3, 7), (3, 8)),
    ("(x := 1)", (3, 7), (3, 8)),
    ("f'{x=}'", (3, 7), (3, 8)),
    ("f'{x = !r:>4}'", (3, 7), (3, 8)),
    ("f'x={x!r}'", (3, 5), (3, 6)),
    ("f'{x==y}'", (3, 7), (3, 7)),
    ("with (a): pass", (3, 8), (3, 9)),
    ("with (a) as b: pass", (3, 8), (3, 8)),
    ("with (a, b,): pass", (3, 8), (3, 9)),
    ("with (a), (b): pass", (3, 8), (3, 8)),
    ("with ((a), b as c): pass", (3, 8), (3, 9)),
    ("match x:\n case 1: pass", (3, 9), (3, 10)),
    ("try: pass\nexcept* E: pass", (3, 10), (3, 11)),
    ("async def f(): await x", (3, 4), (3, 5)),
    ("a @ b", (3, 4), (3, 5)),
    ("a @= b", (3, 4), (3, 5)),
    ("x: int = 1", (3, 5), (3, 6)),
    ("1_000 + 0x_f", (3, 5), (3, 6)),
    ("async def f(): return [x async for x in y]", (3, 5), (3, 6)),
    ("def f(a, /): pass", (3, 11), (3, 12)),
]:
    version_check(src, low)
    version_check(src, high)

print("--- type comments")
source = """\
def foo(a,  # type: int
        b=1,  # type: str
        *args,  # type: bytes
        ):
    # type: (...) -> None
    x = [1]  # type: list
    for i in x:  # type: int
        pass  # type: ignore[misc]
    with open(a) as f:  # type: IO
        pass

async def bar():  # type: () -> int
    async for y in z:  # type: float
        pass
# type: ignore
s = '''
# type: not a comment
'''
"""
tree = ast.parse(source, type_comments=True)
for node in ast.walk(tree):
    tc = getattr(node, "type_comment", None)
    if tc is not None:
        print(type(node).__name__, getattr(node, "arg", ""), repr(tc))
print([(t.lineno, t.tag) for t in tree.type_ignores])
print(ast.parse(source).type_ignores, ast.parse(source).body[0].type_comment)
for bad in ["x += 1  # type: int\n", "pass  # type: int\n", "class C:  # type: int\n pass\n",
            "def f():  # type: () -> int\n    # type: () -> str\n    pass\n",
            "with (a as b):  # type: int\n pass\n", "pass  # type: ignorex\n"]:
    print(repr(bad), try_parse(bad, type_comments=True), "/",
          type(try_parse(bad)).__name__)
print(try_parse("x = 1  # type:   int  \n", type_comments=True).body[0].type_comment + "|")

print("--- classes")
print(ast.cmpop.__doc__)
print(ast.expr_context.__doc__)
print(ast.mod.__doc__)
print(ast.pattern.__doc__.splitlines()[:2])
print(ast.ImportFrom().level, ast.ImportFrom(level=2).level)
for make in [lambda: ast.Constant(1, value=2), lambda: ast.Name("x", ast.Load(), 3),
             lambda: ast.Num(1, n=2)]:
    try:
        make()
    except TypeError as e:
        print("TypeError", e)


class N(ast.Num):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.z = "spam"


n = N(42)
print(type(n).__name__, n.value, n.z, isinstance(n, ast.Num))
print(ast.dump(ast.Constant(1, foo="bar")), ast.Constant(1, foo="bar").foo)
try:
    ast.literal_eval("3" * 5000)
except SyntaxError as e:
    print("SyntaxError", e.msg[:40])

print("--- func_type")
for src in ["() -> int", "(int, *str, **Any) -> float", "(*a, **b) -> x", "(a, *b,) -> x",
            "(int, *str, *Any) -> float", "(int, **str, Any) -> float", "(**int, **str) -> float",
            "(*a, b) -> x", "(**a, *b) -> x", "(*(a), **[b]) -> x"]:
    r = try_parse(src, mode="func_type")
    print(repr(src), ast.dump(r) if isinstance(r, ast.AST) else r)
