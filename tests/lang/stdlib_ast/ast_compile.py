# compile() of AST objects: parsed and hand-built trees compiled and run, and the
# conversion and validation errors CPython 3.11 raises for invalid trees.
import ast
import re
import types


def clean(text):
    return re.sub(r" at 0x[0-9a-fA-F]+", " at 0x?", str(text))


def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, clean(e))
    else:
        if isinstance(r, types.CodeType):
            r = "code " + r.co_name
        print(label, "=>", clean(r))


def run_tree(tree, mode="exec", filename="<ast>"):
    code = compile(tree, filename, mode)
    if mode == "eval":
        return eval(code, {})
    ns = {}
    exec(code, ns)
    return sorted(k for k in ns if not k.startswith("__"))


L = dict(lineno=1, col_offset=0)


def mod(*stmts):
    m = ast.Module(list(stmts), [])
    ast.fix_missing_locations(m)
    return m


def expr(e):
    return mod(ast.Expr(e))


def name(n, ctx=None):
    return ast.Name(n, ctx or ast.Load())


# ---- parsed trees round-trip through compile -------------------------------------------
src = """
import math
def f(a, b=2, *args, c, d=4, **kw):
    '''doc of f'''
    return a + b + c + d + len(args) + len(kw)
class C:
    x = 1
    def m(self):
        return [i * i for i in range(4) if i % 2]
total = f(1, c=3)
res = C().m()
g = (lambda y: y ** 2)(7)
s = {k: v for k, v in zip('ab', (1, 2))}
try:
    1 / 0
except ZeroDivisionError as e:
    err = type(e).__name__
with open(__file__ if False else '/dev/null') as fh:
    empty = fh.read()
match [1, 2, 3]:
    case [1, *rest]:
        matched = rest
fs = f"{total!r:>5}|{g}"
"""
tree = ast.parse(src)
code = compile(tree, "<parsed>", "exec")
ns = {}
exec(code, ns)
for key in ("total", "res", "g", "s", "err", "empty", "matched", "fs"):
    print(key, repr(ns[key]))
print("doc", ns["f"].__doc__)
print("filename", code.co_filename)

print("eval", eval(compile(ast.parse("1 + 2 * 3", mode="eval"), "<e>", "eval")))
print("single", compile(ast.parse("x = 5", mode="single"), "<s>", "single").co_filename)
show("only_ast same", lambda: compile(tree, "<p>", "exec", ast.PyCF_ONLY_AST) is tree)

# ---- hand-built trees --------------------------------------------------------------
assign = ast.Assign([name("x", ast.Store())], ast.BinOp(ast.Constant(6), ast.Mult(), ast.Constant(7)))
show("assign", lambda: run_tree(mod(assign)))
m = mod(assign, ast.Expr(ast.Call(name("print"), [name("x")], [])))
show("print", lambda: run_tree(m))
show("eval expr", lambda: run_tree(ast.fix_missing_locations(
    ast.Expression(ast.Compare(ast.Constant(1), [ast.Lt(), ast.LtE()], [ast.Constant(2), ast.Constant(2)]))), "eval"))
show("tuple const", lambda: run_tree(ast.fix_missing_locations(ast.Expression(ast.Constant((1, (2, "a"))))), "eval"))
show("frozenset const", lambda: sorted(run_tree(ast.fix_missing_locations(ast.Expression(ast.Constant(frozenset({3, 1})))), "eval")))
show("big int", lambda: run_tree(ast.fix_missing_locations(ast.Expression(ast.Constant(-2 ** 100))), "eval"))
show("neg int", lambda: run_tree(ast.fix_missing_locations(ast.Expression(ast.Constant(-5))), "eval"))
show("complex", lambda: run_tree(ast.fix_missing_locations(ast.Expression(ast.Constant(2 - 3j))), "eval"))
show("bytes", lambda: run_tree(ast.fix_missing_locations(ast.Expression(ast.Constant(b"\x00ab"))), "eval"))
show("surrogate", lambda: ascii(run_tree(ast.fix_missing_locations(ast.Expression(ast.Constant("a\udc80"))), "eval")))
show("ellipsis", lambda: run_tree(ast.fix_missing_locations(ast.Expression(ast.Constant(...))), "eval"))
fdef = ast.FunctionDef("sq", ast.arguments([], [ast.arg("v")], None, [], [], None, []),
                       [ast.Return(ast.BinOp(name("v"), ast.Pow(), ast.Constant(2)))], [], None)
show("funcdef", lambda: run_tree(mod(fdef, ast.Assign([name("r", ast.Store())],
                                                       ast.Call(name("sq"), [ast.Constant(9)], [])))))
show("level none", lambda: run_tree(mod(ast.ImportFrom("math", [ast.alias("pi")], None))))
show("docstring", lambda: run_tree(mod(ast.Expr(ast.Constant("the doc")),
                                        ast.Assign([name("d", ast.Store())], name("__doc__")))))
show("joinedstr", lambda: run_tree(ast.fix_missing_locations(ast.Expression(ast.JoinedStr([
    ast.Constant("v="), ast.FormattedValue(ast.Constant(3.5), 114, ast.JoinedStr([ast.Constant(">8")]))]))), "eval"))
show("exec of ast", lambda: exec(mod(ast.Pass())))

# ---- mode and top-level type --------------------------------------------------------
show("mode mismatch", lambda: compile(mod(ast.Pass()), "<m>", "eval"))
show("expression in exec", lambda: compile(ast.Expression(ast.Constant(1)), "<m>", "exec"))
show("not a mod", lambda: compile(ast.Pass(**L), "<m>", "exec"))
show("interactive in exec", lambda: compile(ast.Interactive([]), "<m>", "exec"))
show("func_type", lambda: compile(ast.FunctionType([], ast.Constant(1)), "<m>", "func_type"))

# ---- conversion errors (obj2ast) ---------------------------------------------------------
show("no lineno", lambda: compile(ast.Module([ast.Pass()], []), "<c>", "exec"))
show("no col", lambda: compile(ast.Module([ast.Pass(lineno=1)], []), "<c>", "exec"))
show("body not list", lambda: compile(ast.Module(ast.Pass(**L), []), "<c>", "exec"))
show("missing body", lambda: compile(ast.Module(type_ignores=[]), "<c>", "exec"))
show("missing type_ignores", lambda: compile(ast.Module([]), "<c>", "exec"))
show("not a stmt", lambda: compile(mod(ast.Constant(1, **L)), "<c>", "exec"))
show("int stmt", lambda: compile(ast.Module([5], []), "<c>", "exec"))
show("not an expr", lambda: compile(mod(ast.Expr(ast.Pass(**L), **L)), "<c>", "exec"))
show("bad identifier", lambda: compile(expr(ast.Name(42, ast.Load())), "<c>", "exec"))
show("none identifier", lambda: compile(expr(ast.Name(None, ast.Load())), "<c>", "exec"))
show("bad ctx", lambda: compile(expr(ast.Name("x", ast.Add())), "<c>", "exec"))
show("none ctx", lambda: compile(expr(ast.Name("x", None)), "<c>", "exec"))
show("missing ctx", lambda: compile(expr(ast.Name("x")), "<c>", "exec"))
show("bad op", lambda: compile(expr(ast.BinOp(ast.Constant(1), ast.Load(), ast.Constant(2))), "<c>", "exec"))
show("op class", lambda: compile(expr(ast.BinOp(ast.Constant(1), ast.Add, ast.Constant(2))), "<c>", "exec"))
show("bad int", lambda: compile(mod(ast.ImportFrom("m", [ast.alias("x")], "1")), "<c>", "exec"))
show("bad lineno", lambda: compile(ast.Module([ast.Pass(lineno="1", col_offset=0)], []), "<c>", "exec"))
show("none lineno", lambda: compile(ast.Module([ast.Pass(lineno=None, col_offset=0)], []), "<c>", "exec"))
show("huge lineno", lambda: compile(ast.Module([ast.Pass(lineno=2 ** 40, col_offset=0)], []), "<c>", "exec"))
show("huger lineno", lambda: compile(ast.Module([ast.Pass(lineno=2 ** 80, col_offset=0)], []), "<c>", "exec"))
show("bad string", lambda: compile(mod(ast.Assign([name("x", ast.Store())], ast.Constant(1), 5)), "<c>", "exec"))
show("bad kind", lambda: compile(expr(ast.Constant(1, 3)), "<c>", "exec"))
show("missing value", lambda: compile(expr(ast.Constant()), "<c>", "exec"))
show("required none", lambda: compile(expr(ast.BinOp(None, ast.Add(), ast.Constant(1))), "<c>", "exec"))
show("yield from none", lambda: compile(mod(ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, []),
                                                              [ast.Expr(ast.YieldFrom(None))], [], None)), "<c>", "exec"))
show("args none", lambda: compile(mod(ast.FunctionDef("f", None, [ast.Pass()], [], None)), "<c>", "exec"))
show("keyword none", lambda: compile(expr(ast.Call(name("f"), [], [None])), "<c>", "exec"))
show("cmpop bad", lambda: compile(expr(ast.Compare(ast.Constant(1), [ast.Add()], [ast.Constant(2)])), "<c>", "exec"))
show("list of str for stmts", lambda: compile(ast.Module(["x"], []), "<c>", "exec"))
show("abstract expr", lambda: compile(mod(ast.Expr(ast.expr(**L), **L)), "<c>", "exec").__class__)


class Growing(list):
    pass


# ---- validation errors (Python/ast.c) --------------------------------------------------------
def vt(label, tree, mode="exec"):
    ast.fix_missing_locations(tree)
    show(label, lambda: compile(tree, "<v>", mode))


p = ast.Pass()
vt("store expr", expr(name("x", ast.Store())))
vt("load target", mod(ast.Assign([name("x")], ast.Constant(1))))
vt("del ctx", mod(ast.Delete([name("x")])))
vt("empty targets", mod(ast.Assign([], ast.Constant(1))))
vt("none target", mod(ast.Assign([None], ast.Constant(1))))
vt("none stmt", ast.Module([None], []))
vt("empty body", mod(ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, []), [], [], None)))
vt("empty class body", mod(ast.ClassDef("C", [], [], [], [])))
vt("defaults", mod(ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, [ast.Constant(1)]), [p], [], None)))
vt("kw_defaults", mod(ast.FunctionDef("f", ast.arguments([], [], None, [], [ast.Constant(1)], None, []), [p], [], None)))
vt("binop store", expr(ast.BinOp(name("a", ast.Store()), ast.Add(), ast.Constant(1))))
vt("assign to call", mod(ast.Assign([ast.Call(name("f"), [], [])], ast.Constant(1))))
vt("del call", mod(ast.Delete([ast.Call(name("f"), [], [])])))
vt("boolop", expr(ast.BoolOp(ast.And(), [ast.Constant(1)])))
vt("dict", expr(ast.Dict([ast.Constant(1)], [])))
vt("dict none key ok", expr(ast.Dict([None], [ast.Dict([], [])])))
vt("compare empty", expr(ast.Compare(name("x"), [], [])))
vt("compare count", expr(ast.Compare(name("x"), [ast.Eq()], [name("y"), name("z")])))
vt("listcomp no gen", expr(ast.ListComp(name("x"), [])))
vt("comp target", expr(ast.ListComp(name("x"), [ast.comprehension(name("x"), name("y"), [], 0)])))
vt("constant list", expr(ast.Constant([1])))
vt("constant subclass", expr(ast.Constant(type("myint", (int,), {})(3))))
vt("constant tuple bad", expr(ast.Constant((1, [2]))))
vt("constant bool ok", expr(ast.Constant(True)))
vt("name None", expr(name("None")))
vt("name True store", mod(ast.Assign([name("True", ast.Store())], ast.Constant(1))))
vt("raise cause", mod(ast.Raise(None, ast.Constant(1))))
vt("try nothing", mod(ast.Try([p], [], [], [])))
vt("try orelse", mod(ast.Try([p], [], [p], [p])))
vt("try empty", mod(ast.Try([], [], [], [p])))
vt("trystar nothing", mod(ast.TryStar([p], [], [], [])))
vt("handler body", mod(ast.Try([p], [ast.ExceptHandler(None, "e", [])], [], [])))
vt("with items", mod(ast.With([], [p])))
vt("with body", mod(ast.With([ast.withitem(name("x"), None)], [])))
vt("with target", mod(ast.With([ast.withitem(name("x"), name("y"))], [p])))
vt("import empty", mod(ast.Import([])))
vt("importfrom level", mod(ast.ImportFrom("m", [ast.alias("x")], -1)))
vt("importfrom empty", mod(ast.ImportFrom("m", [], 0)))
vt("global empty", mod(ast.Global([])))
vt("nonlocal empty", mod(ast.Nonlocal([])))
vt("annassign simple", mod(ast.AnnAssign(ast.Attribute(name("a"), "b", ast.Store()), name("int"), None, 1)))
vt("annassign ok", mod(ast.AnnAssign(ast.Attribute(name("a"), "b", ast.Store()), name("int"), None, 0)))
vt("for body", mod(ast.For(name("x", ast.Store()), name("y"), [], [])))
vt("while body", mod(ast.While(ast.Constant(1), [], [])))
vt("if body", mod(ast.If(ast.Constant(1), [], [])))
vt("starred ctx", mod(ast.Assign([ast.List([ast.Starred(name("x"), ast.Store())], ast.Store())], ast.Constant(4))))
vt("subscript slice", expr(ast.Subscript(name("x"), ast.Slice(name("a", ast.Store()), None, None), ast.Load())))
vt("interactive", ast.Interactive([ast.Expr(name("x", ast.Store()))]), "single")
vt("expression", ast.Expression(name("x", ast.Store())), "eval")
vt("lambda arg", expr(ast.Lambda(ast.arguments([], [ast.arg("a", name("t", ast.Store()))], None, [], [], None, []), ast.Constant(1))))
vt("match no cases", mod(ast.Match(name("x"), [])))


def case(pattern):
    return mod(ast.Match(name("x"), [ast.match_case(pattern, None, [ast.Pass()])]))


vt("match singleton", case(ast.MatchSingleton("s")))
vt("match value const", case(ast.MatchValue(ast.Constant(...))))
vt("match value tuple", case(ast.MatchValue(ast.Constant((1, 2)))))
vt("match value name", case(ast.MatchValue(name("y"))))
vt("match mapping counts", case(ast.MatchMapping([ast.Constant(1)], [], None)))
vt("match mapping rest _", case(ast.MatchMapping([], [], "_")))
vt("match class cls", case(ast.MatchClass(ast.Constant(1), [], [], [])))
vt("match class counts", case(ast.MatchClass(name("C"), [], ["a"], [])))
vt("match star", case(ast.MatchStar("x")))
vt("match as", case(ast.MatchAs(ast.MatchValue(ast.Constant(1)), None)))
vt("match as _", case(ast.MatchAs(None, "_")))
vt("match as True", case(ast.MatchAs(None, "True")))
vt("match or", case(ast.MatchOr([ast.MatchValue(ast.Constant(1))])))
vt("match seq star ok", case(ast.MatchSequence([ast.MatchStar("r")])))
vt("match body", mod(ast.Match(name("x"), [ast.match_case(ast.MatchAs(None, None), None, [])])))

# value patterns: what the validator lets through and what the compiler then refuses
for p in [ast.MatchValue(ast.JoinedStr([ast.Constant("a")])),
          ast.MatchValue(ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2j))),
          ast.MatchValue(ast.BinOp(ast.UnaryOp(ast.USub(), ast.Constant(1.5)), ast.Sub(), ast.Constant(2j))),
          ast.MatchValue(ast.BinOp(ast.UnaryOp(ast.USub(), name("null")), ast.Sub(), ast.Constant(2j))),
          ast.MatchValue(ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2))),
          ast.MatchValue(ast.UnaryOp(ast.USub(), ast.Constant(2j))),
          ast.MatchValue(ast.UnaryOp(ast.USub(), ast.Constant("s"))),
          ast.MatchMapping([ast.JoinedStr([ast.Constant("k")])], [ast.MatchAs(None, "v")], None),
          ast.MatchMapping([ast.Constant(None), ast.Constant(True)],
                           [ast.MatchAs(None, "v"), ast.MatchAs(None, "w")], None)]:
    def run_case(p=p):
        hit = ast.Assign([name("hit", ast.Store())], ast.Constant(True))
        tree = mod(ast.Match(name("x"), [ast.match_case(p, None, [hit])]))
        code = compile(tree, "<m>", "exec")
        out = []
        for x in (3, 1 + 2j, -1.5 - 2j, -2j, {"k": 1, None: 2, True: 3}):
            ns = {"x": x}
            exec(code, ns)
            out.append((ns.get("hit"), ns.get("v")))
        return out
    show("pattern " + type(p).__name__, run_case)

# positions
bad = ast.Module([ast.Expr(ast.Name("x", ast.Load(), lineno=3, col_offset=0, end_lineno=2, end_col_offset=0),
                           lineno=1, col_offset=0)], [])
show("line range", lambda: compile(bad, "<p>", "exec"))
bad = ast.Module([ast.Expr(ast.Name("x", ast.Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=2),
                           lineno=1, col_offset=0)], [])
show("col range", lambda: compile(bad, "<p>", "exec"))

# recursion through a cyclic tree
e = ast.UnaryOp(op=ast.Not(), lineno=0, col_offset=0)
e.operand = e
show("cycle", lambda: compile(ast.Expression(e), "<r>", "eval"))

# errors reported by the compiler itself for valid trees
show("return outside", lambda: compile(mod(ast.Return(None)), "<s>", "exec"))
show("await outside", lambda: compile(expr(ast.Await(name("x"))), "<s>", "exec"))
show("break outside", lambda: compile(mod(ast.Break()), "<s>", "exec"))

# optimize= applies to trees as to source
t = ast.parse("assert False, 'boom'\nx = __debug__\ndef f():\n    'doc'\n")
for opt in (-1, 0, 1, 2):
    ns = {}
    try:
        exec(compile(t, "<o>", "exec", optimize=opt), ns)
        print("optimize", opt, ns["x"], ns["f"].__doc__)
    except AssertionError as e:
        print("optimize", opt, "AssertionError", e)

# a tree compiled twice, and mutated in between
t = ast.parse("y = 1")
c1 = compile(t, "<t>", "exec")
t.body[0].value.value = 2
ns = {}
exec(c1, ns)
exec(compile(t, "<t>", "exec"), ns)
print("recompiled", ns["y"])

# ast helpers keep working
print(ast.unparse(ast.parse("a = [x async for x in y]\nif a: pass")))
print(ast.literal_eval("{'a': (1, -2.5, 3+4j), 'b': [None, True, b'x']}"))
print(ast.dump(ast.parse("x: int = 1", type_comments=True)))
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
