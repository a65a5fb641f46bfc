# global declarations: writing module names from functions and class bodies, globals() dict
# access, builtins shadowing and restoring, del of globals, and UnboundLocalError versus
# NameError messages.
def show(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(r))


counter = 0


def bump():
    global counter
    counter += 1
    return counter


bump()
bump()
print(counter)


def create():
    global created_later
    created_later = "made inside function"


show("before create", lambda: created_later)
create()
print(created_later)


def uses_then_assigns():
    print(counter)
    counter = 5


show("unbound local", uses_then_assigns)


def only_reads():
    return counter * 10


print(only_reads())
globals()["dynamic"] = 42
print(dynamic, "dynamic" in globals(), globals() is globals())
len = lambda x: "shadowed len"
print(len([1, 2]))
del len
print(len([1, 2]))
show("del missing global", lambda: exec("del nothing_here"))


def del_global():
    global to_delete
    del to_delete


to_delete = 1
del_global()
show("after del", lambda: to_delete)
show("del again", del_global)


class Config:
    global setting
    setting = "from class body"
    local_attr = 1


print(setting, hasattr(Config, "setting"), Config.local_attr)


def nested_global():
    def inner():
        global counter
        counter = 100
    inner()
    return counter


print(nested_global(), counter)
show("undefined", lambda: undefined_name_xyz)


def local_del():
    v = 1
    del v
    return v


show("deleted local", local_del)


def cond_assign(flag):
    if flag:
        w = "set"
    return w


print(cond_assign(True))
show("cond unbound", lambda: cond_assign(False))
show("syntax global after use", lambda: compile("def f():\n    x = 1\n    global x\n", "s", "exec"))
show("nonlocal at module", lambda: compile("nonlocal q", "s", "exec"))
show("global param", lambda: compile("def f(a):\n    global a\n", "s", "exec"))
exec("exec_global = 'set by exec'")
print(exec_global)
ns = {}
exec("def f():\n    global g\n    g = 7\nf()", ns)
print(ns["g"], "g" in globals())
