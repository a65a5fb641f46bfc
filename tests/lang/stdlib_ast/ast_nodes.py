# The _ast node classes and compile(..., PyCF_ONLY_AST) in every mode, printed field by field.
import _ast
src = """
def f(a, b=1, *args, c, d=2, **kw) -> int:
    '''doc'''
    x: int = 5
    for i in range(10):
        if i % 2 == 0 and not x or y:
            continue
    return a + b * -c
class C(B, metaclass=M):
    async def g(self):
        async with a as (b, c): await d
        return [x async for x in y if x]
match p:
    case [1, *rest] | {"k": v, **kw}: pass
    case Point(x=0, y=_) if z: pass
try:
    pass
except* (E1, E2) as e:
    raise X from None
f"a{b!r:>{w}}c"
lambda x, /, y: x[1:2, ::3]
import a.b as c
from ..m import (n, o as p)
"""
t = compile(src, "<t>", "exec", _ast.PyCF_ONLY_AST)
def dump(node, depth=0):
    if isinstance(node, _ast.AST):
        fields = ", ".join(f"{k}={dump(getattr(node, k), depth+1)}" for k in node._fields)
        attrs = ",".join(str(getattr(node, a, None)) for a in node._attributes)
        return f"{type(node).__name__}({fields})[{attrs}]"
    if isinstance(node, list):
        return "[" + ", ".join(dump(x, depth+1) for x in node) + "]"
    return repr(node)
print(dump(t))
print(_ast.BinOp.__doc__, _ast.Constant.kind, _ast.expr.end_lineno, _ast.Load() is not None)
print(_ast.BinOp._fields, _ast.BinOp.__match_args__, _ast.stmt._attributes, _ast.BinOp.__module__)
n = _ast.BinOp(1, 2, right=3)
print(n.left, n.op, n.right, n.__reduce__()[0].__name__)
try:
    _ast.BinOp(1, 2, 3, 4)
except TypeError as e:
    print(e)
print(sorted(x for x in dir(_ast) if not x.startswith("__"))[:20])
e = compile("a if b else c", "<e>", "eval", _ast.PyCF_ONLY_AST)
print(dump(e))
ft = compile("(int, str) -> bool", "<f>", "func_type", _ast.PyCF_ONLY_AST)
print(dump(ft))
t1 = compile("a", "<t>", "exec", _ast.PyCF_ONLY_AST); t2 = compile("b", "<t>", "exec", _ast.PyCF_ONLY_AST)
print(t1.body[0].value.ctx is t2.body[0].value.ctx)
try:
    compile("x = (", "<bad>", "exec", _ast.PyCF_ONLY_AST)
except SyntaxError as e:
    print("SyntaxError", e)
