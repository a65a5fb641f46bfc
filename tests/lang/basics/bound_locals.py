# Locals the compiler reads straight from their registers must still raise UnboundLocalError
# exactly where CPython does: deleted names, `except ... as` names, loops that never ran,
# branches that did not assign, names rebound by an assignment expression mid-expression.
import sys

def after_del():
    x = 1
    y = x + 1
    del x
    try:
        return x + y
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

def except_name():
    try:
        raise ValueError("v")
    except ValueError as err:
        pass
    try:
        return err.args
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

def empty_loop():
    for i in []:
        pass
    try:
        return i * 2
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

def branch(flag):
    if flag:
        v = 10
    try:
        return v + 1
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

def while_body(n):
    while n > 0:
        w = n
        n -= 1
    try:
        return w * 2
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

def try_body():
    try:
        z = int("nope")
    except ValueError:
        pass
    try:
        return z
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

def walrus(a):
    r1 = a + (a := 10)
    b = 1
    r2 = b * (b := 5) + b
    return r1, r2, a, b

def params(a, b=2, *args, c, **kw):
    total = a + b + c
    total += len(args) + len(kw)
    return total

def deleted_param(p):
    del p
    try:
        return p + 1
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

def loop_var_after(n):
    for k in range(n):
        pass
    return k

def nested_funcs():
    x = 5
    def inner():
        return x + 1
    y = inner()
    return x * y

def frame_locals_after_return():
    value = "kept"
    return sys._getframe(), value

def augmented(n):
    acc = 0
    for i in range(n):
        acc += i
        acc -= 1
        acc *= 2
        acc //= 2
    return acc

def conditional_expr(x):
    y = x if x else -1
    z = (x and 5) or 7
    return y, z

print(after_del())
print(except_name())
print(empty_loop())
print(branch(True), branch(False))
print(while_body(3), while_body(0))
print(try_body())
print(walrus(1))
print(params(1, c=3), params(1, 2, 3, 4, c=5, d=6))
print(deleted_param(4))
print(loop_var_after(4))
try:
    loop_var_after(0)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print(nested_funcs())
fr, v = frame_locals_after_return()
print(v, fr.f_locals.get("value"))
print(augmented(10))
print(conditional_expr(0), conditional_expr(3))

def unbound_traceback():
    print(q)
    q = 1

try:
    unbound_traceback()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
